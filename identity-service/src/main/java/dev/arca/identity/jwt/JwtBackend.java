package dev.arca.identity.jwt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.jwt.Claims.Refused;
import dev.arca.identity.login.TokenSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code jwt} auth method ({@code oidc} is the same type under another name, as in Vault):
 * {@code config}, {@code role/<name>}, {@code login} with a JWT, and the browser flow of
 * {@link OidcPaths}. Every refused token gets the same answer.
 */
@Configuration(proxyBeanMethods = false)
public class JwtBackend {

    /** Far above any identity provider's tokens (a few KiB), far below what a body may carry. */
    static final int MAX_JWT = 64 * 1024;
    private static final long MAX_LEEWAY = 24 * 3600L;

    private final JwtStore store;
    private final KeySets keySets;
    private final JwtLogins logins;
    private final OidcPaths oidc;
    private final JsonMapper json;

    JwtBackend(JwtStore store, KeySets keySets, JwtLogins logins, OidcPaths oidc, JsonMapper json) {
        this.store = store;
        this.keySets = keySets;
        this.logins = logins;
        this.oidc = oidc;
        this.json = json;
    }

    @Bean
    Backend jwt() {
        PathFamily.Builder role = PathFamily.of("role/{name}")
                .field(Field.path("name", "The role's name."))
                .field(Field.string("role_type", "jwt (logins with a token) or oidc (the browser flow); oidc when left out."))
                .field(Field.of("bound_audiences", FieldType.COMMA_STRING_SLICE, "The token's aud must hold one of these."))
                .field(Field.string("bound_subject", "The token's sub must be this."))
                .field(Field.of("bound_claims", FieldType.MAP, "Claim (name or JSON pointer) to the value, or list of values, it must have."))
                .field(Field.string("bound_claims_type", "string (exact) or glob (* matches any run of characters).").withDefault("string"))
                .field(Field.of("claim_mappings", FieldType.KV_PAIRS, "Claim (name or JSON pointer) to the alias metadata key it fills."))
                .field(Field.string("user_claim", "The claim whose value names the user: the entity alias."))
                .field(Field.of("user_claim_json_pointer", FieldType.BOOL, "Read user_claim as a JSON pointer."))
                .field(Field.string("groups_claim", "The claim listing the user's groups: external groups' aliases on this mount."))
                .field(Field.of("oidc_scopes", FieldType.COMMA_STRING_SLICE, "Scopes the browser flow asks for besides openid."))
                .field(Field.of("allowed_redirect_uris", FieldType.COMMA_STRING_SLICE, "Where the browser flow may return to."))
                .field(Field.of("verbose_oidc_logging", FieldType.BOOL, "Accepted; tokens and claims are never logged."))
                .field(Field.of("clock_skew_leeway", FieldType.DURATION, "Leeway for clock skew; 0 for 60 s, -1 for none.").range(-1, MAX_LEEWAY))
                .field(Field.of("expiration_leeway", FieldType.DURATION, "Leeway on exp; 0 for 150 s, -1 for none.").range(-1, MAX_LEEWAY))
                .field(Field.of("not_before_leeway", FieldType.DURATION, "Leeway on nbf; 0 for 150 s, -1 for none.").range(-1, MAX_LEEWAY))
                .field(Field.of("max_age", FieldType.DURATION, "The browser flow's max_age: how long ago the user may have authenticated."))
                .field(TokenSettings.policies("policies", "Older name of token_policies."));
        TokenSettings.fields().forEach(role::field);
        List<PathFamily> paths = new java.util.ArrayList<>(List.of(
                configPath(),
                PathFamily.of("role/?").list(r -> r.keys(store.roleNames(r.mountAccessor())), "List roles.").help("The roles.", "").build(),
                role.read(r -> r.ok(store.role(r.mountAccessor(), name(r)).orElseThrow(VaultException::notFound).toMap()), "Read a role.")
                        .write(this::writeRole, "Create or change a role.")
                        .delete(r -> {
                            store.deleteRole(r.mountAccessor(), name(r));
                            return BackendRequest.noContent();
                        }, "Delete a role.")
                        .existenceCheck(r -> store.role(r.mountAccessor(), name(r)).isPresent())
                        .help("A role: what a token must show, what a login takes from it, and the tokens it gets.", "").build(),
                PathFamily.of("login")
                        .field(Field.string("role", "The role; the mount's default_role when left out."))
                        .field(Field.string("jwt", "The signed JWT.").maxLength(MAX_JWT))
                        .write(this::login, "Log in with a JWT.")
                        .help("Log in with a signed JWT: the answer's auth block carries the token.", "").build()));
        paths.addAll(oidc.paths());
        return Backend.builder("jwt", Backend.Kind.AUTH)
                .alias("oidc", Map.of())
                .description("JWTs and OpenID Connect")
                .unauthenticated("login", "oidc/auth_url", "oidc/callback")
                .paths(paths)
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        store.deleteMount(mount.accessor());
                        keySets.forget(mount.accessor());
                    }
                })
                .build();
    }

    private PathFamily configPath() {
        return PathFamily.of("config")
                .field(Field.string("oidc_discovery_url", "The OIDC provider's issuer URL: keys and endpoints come from its discovery."))
                .field(Field.string("oidc_discovery_ca_pem", "CA certificates (PEM) to trust for the discovery URL."))
                .field(Field.string("oidc_client_id", "The OAuth client id of the browser flow."))
                .field(Field.string("oidc_client_secret", "The OAuth client secret of the browser flow; never read back."))
                .field(Field.string("oidc_response_mode", "query (default) or form_post."))
                .field(Field.of("oidc_response_types", FieldType.COMMA_STRING_SLICE, "code (the only one supported)."))
                .field(Field.string("jwks_url", "A JWKS URL to fetch keys from."))
                .field(Field.string("jwks_ca_pem", "CA certificates (PEM) to trust for the JWKS URL."))
                .field(Field.of("jwt_validation_pubkeys", FieldType.COMMA_STRING_SLICE, "PEM public keys that verify tokens.")
                        .range(0, 64 * 1024))
                .field(Field.of("jwt_supported_algs", FieldType.COMMA_STRING_SLICE, "Signing algorithms accepted; RS256 when empty."))
                .field(Field.string("bound_issuer", "The iss every token must have."))
                .field(Field.string("default_role", "The role of logins that name none."))
                .read(r -> r.ok(store.config(r.mountAccessor()).orElseThrow(VaultException::notFound).toMap()), "Read the configuration.")
                .write(r -> {
                    JwtConfig c = JwtConfig.parse(r.fields());
                    keySets.check(c);
                    store.saveConfig(r.mountAccessor(), c);
                    keySets.forget(r.mountAccessor());
                    return BackendRequest.noContent();
                }, "Configure where keys come from and the OIDC client.")
                .help("The mount's configuration: one source of keys, the OIDC client, defaults.", "").build();
    }

    private ResponseEntity<?> writeRole(BackendRequest r) {
        String n = name(r);
        JwtRole old = store.role(r.mountAccessor(), n).orElseGet(JwtRole::defaults);
        store.saveRole(r.mountAccessor(), n, JwtRole.parse(r.fields(), old));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> login(BackendRequest r) {
        JwtConfig config = logins.config(r);
        String token = r.fields().string("jwt");
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        JwtLogins.Named named = logins.role(r, config);
        if (named.role().roleType().equals(JwtRole.OIDC)) {
            throw VaultException.badRequest("role with oidc role_type is not allowed");
        }
        KeySets.Provider provider = logins.provider(r, config);
        JsonNode claims;
        try {
            claims = TokenVerifier.verifySignature(token, provider.keys(), config.algorithms(), json);
            TokenVerifier.checkClaims(claims, named.role(), config.boundIssuer(), Instant.now());
        } catch (Refused e) {
            throw JwtLogins.refused(r, e);
        }
        return logins.finish(r, named, claims);
    }

    private static String name(BackendRequest r) {
        String n = r.fields().string("name");
        if (n.isEmpty() || n.length() > 256) {
            throw VaultException.badRequest("invalid role name");
        }
        return n;
    }
}
