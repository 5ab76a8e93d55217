package dev.arca.identity.kubernetes;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.identity.login.Glob;
import dev.arca.identity.login.LoginTokens;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code login} with a role and a service account token (Vault's {@code pathLogin}): the token is read
 * and checked locally, its service account held against the role's bindings (names, namespaces or
 * the namespace's labels, audience), then verified by TokenReview unless {@code pem_keys} verified its
 * signature already. Every refusal past the missing fields and the unknown role is the same 403.
 */
@Component
class KubernetesLogin {

    private static final Logger log = LoggerFactory.getLogger(KubernetesLogin.class);
    private static final int MAX_CACHED_KEY_SETS = 256;

    private final KubernetesStore store;
    private final KubernetesApi api;
    private final LocalServiceAccount local;
    private final LoginTokens logins;
    private final JsonMapper json;
    /** Parsed {@code pem_keys} by their text, so a login does not decode PEM again. */
    private final Map<List<String>, List<PublicKey>> keys = new ConcurrentHashMap<>();

    KubernetesLogin(KubernetesStore store, KubernetesApi api, LocalServiceAccount local, LoginTokens logins, JsonMapper json) {
        this.store = store;
        this.api = api;
        this.local = local;
        this.logins = logins;
        this.json = json;
    }

    ResponseEntity<?> login(BackendRequest r) {
        String roleName = r.fields().string("role").toLowerCase(Locale.ROOT);
        String jwt = r.fields().string("jwt");
        if (roleName.isEmpty()) {
            throw VaultException.badRequest("missing role");
        }
        if (jwt.isEmpty()) {
            throw VaultException.badRequest("missing jwt");
        }
        KubernetesRole role = store.role(r.mountAccessor(), roleName)
                .orElseThrow(() -> VaultException.badRequest("invalid role name \"" + KubernetesBackend.printable(roleName) + "\""));
        KubernetesStore.Stored stored = store.config(r.mountAccessor())
                .orElseThrow(() -> VaultException.internal("could not load backend configuration"));
        ServiceAccount account;
        try {
            account = verify(stored, role, jwt);
        } catch (ServiceAccountTokens.Refused e) {
            log.debug("kubernetes login refused for role {}: {}", roleName, e.getMessage());
            throw VaultException.permissionDenied();
        } catch (KubernetesApi.Failure e) {
            log.warn("kubernetes login refused for role {} on mount {}: {}", roleName, r.mountAccessor(), e.getMessage());
            throw VaultException.permissionDenied();
        }
        Map<String, String> meta = new LinkedHashMap<>(account.metadata());
        meta.put("role", roleName);
        String alias = role.aliasNameSource().equals(KubernetesRole.ALIAS_NAME) ? account.namespace() + "/" + account.name() : account.uid();
        return logins.answer(r, logins.issue(r.context(), role.token(), "kubernetes-" + account.namespace() + "-" + account.name(), meta,
                alias, account.metadata()));
    }

    private ServiceAccount verify(KubernetesStore.Stored stored, KubernetesRole role, String jwt) {
        KubernetesConfig config = stored.config();
        List<PublicKey> publicKeys = publicKeys(config.pemKeys());
        ServiceAccount account = ServiceAccountTokens.verify(jwt, publicKeys, config, Instant.now());
        if (!anyMatches(role.boundServiceAccountNames(), account.name())) {
            throw new ServiceAccountTokens.Refused("service account name not authorized");
        }
        if (!role.audience().isEmpty() && !account.audiences().contains(role.audience())) {
            throw new ServiceAccountTokens.Refused("invalid audience (aud) claim");
        }
        KubernetesApi.Endpoint endpoint = new KubernetesApi.Endpoint(config.kubernetesHost(), local.caFor(config));
        String bearer = local.bearerFor(config, stored.tokenReviewerJwt(), jwt);
        if (!anyMatches(role.boundServiceAccountNamespaces(), account.namespace())
                && (role.namespaceSelector().isEmpty() || !LabelSelector.parse(role.namespaceSelector(), json)
                        .matches(api.namespaceLabels(endpoint, bearer, account.namespace())))) {
            throw new ServiceAccountTokens.Refused("namespace not authorized");
        }
        if (publicKeys.isEmpty()) {
            KubernetesApi.Reviewed reviewed = api.review(endpoint, bearer, jwt, role.audience());
            if (!reviewed.namespace().equals(account.namespace()) || !reviewed.name().equals(account.name())) {
                throw new ServiceAccountTokens.Refused("JWT names did not match");
            }
            if (!reviewed.uid().isEmpty() && !reviewed.uid().equals(account.uid())) {
                throw new ServiceAccountTokens.Refused("JWT UIDs did not match");
            }
            if (!role.audience().isEmpty() && !reviewed.audiences().isEmpty() && !reviewed.audiences().contains(role.audience())) {
                throw new ServiceAccountTokens.Refused("invalid audience in the TokenReview");
            }
        }
        return account;
    }

    private List<PublicKey> publicKeys(List<String> pem) {
        if (pem.isEmpty()) {
            return List.of();
        }
        List<PublicKey> found = keys.get(pem);
        if (found != null) {
            return found;
        }
        if (keys.size() >= MAX_CACHED_KEY_SETS) {
            keys.clear();
        }
        List<PublicKey> parsed = List.copyOf(PemKeys.parse(pem));
        keys.put(pem, parsed);
        return parsed;
    }

    private static boolean anyMatches(List<String> globs, String value) {
        return globs.stream().anyMatch(g -> Glob.matches(g, value));
    }
}
