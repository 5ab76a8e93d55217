package dev.arca.identity.jwt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.identity.jwt.Claims.Refused;
import dev.arca.identity.login.LoginTokens;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What {@code login} and {@code oidc/callback} share: the mount's configuration and provider, the role
 * a login names (or the default role), and the end of a login once the token is verified: bound
 * claims, the alias from the user claim with the mapped claims as metadata, the external groups from
 * the groups claim, the token.
 */
@Component
class JwtLogins {

    /** Every refused token gets this answer: which check failed is not told (it is logged at debug, never the token). */
    static final String INVALID = "error validating token";

    private static final Logger LOG = LoggerFactory.getLogger(JwtLogins.class);

    /** A role with its name. */
    record Named(String name, JwtRole role) {
    }

    private final JwtStore store;
    private final KeySets keySets;
    private final LoginTokens logins;

    JwtLogins(JwtStore store, KeySets keySets, LoginTokens logins) {
        this.store = store;
        this.keySets = keySets;
        this.logins = logins;
    }

    JwtConfig config(BackendRequest r) {
        return store.config(r.mountAccessor()).orElseThrow(() -> VaultException.badRequest("could not load configuration"));
    }

    KeySets.Provider provider(BackendRequest r, JwtConfig config) {
        try {
            return keySets.of(r.mountAccessor(), config);
        } catch (IOException | RuntimeException e) {
            LOG.warn("jwt mount {}: the identity provider could not be reached: {}", r.mountAccessor(), e.getMessage());
            throw new VaultException(500, "error fetching keys from the identity provider");
        }
    }

    /** The role a login names, else the mount's default role. */
    Named role(BackendRequest r, JwtConfig config) {
        String name = r.fields().string("role");
        if (name.isEmpty()) {
            name = config.defaultRole();
        }
        if (name.isEmpty()) {
            throw VaultException.badRequest("missing role");
        }
        String n = name;
        return new Named(n, store.role(r.mountAccessor(), n).orElseThrow(() -> VaultException.badRequest("role \"" + n + "\" could not be found")));
    }

    /** A refused token: logged by reason (never the token) and answered with the one message. */
    static VaultException refused(BackendRequest r, Refused e) {
        LOG.debug("jwt mount {}: login refused: {}", r.mountAccessor(), e.getMessage());
        return VaultException.badRequest(INVALID);
    }

    /** The end of a login whose token's signature and registered claims are verified. */
    ResponseEntity<?> finish(BackendRequest r, Named named, JsonNode claims) {
        JwtRole role = named.role();
        String user;
        Map<String, String> aliasMeta;
        List<String> groups;
        try {
            Claims.checkBound(claims, role.boundClaims(), role.boundClaimsType().equals("glob"));
            user = Claims.user(claims, role.userClaim(), role.userClaimJsonPointer());
            aliasMeta = Claims.mapped(claims, role.claimMappings());
            groups = role.groupsClaim().isEmpty() ? List.of() : Claims.groups(claims, role.groupsClaim());
        } catch (Refused e) {
            throw refused(r, e);
        }
        Map<String, String> meta = new LinkedHashMap<>(aliasMeta);
        meta.put("role", named.name());
        String mount = r.context().mountPath().replaceFirst("^auth/", "").replaceAll("/+$", "").replace('/', '-');
        return logins.answer(r, logins.issue(r.context(), role.token(), mount + "-" + user, meta, user, aliasMeta, groups));
    }
}
