package dev.arca.identity.jwt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.jwt.Claims.Refused;
import dev.arca.identity.jwt.JwtStore.PendingLogin;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OIDC browser flow: {@code oidc/auth_url} answers the provider's authorization URL for a role and
 * an allowed redirect URI (with a state, a nonce and a PKCE S256 challenge, kept single-use for ten
 * minutes, a bounded number per mount); {@code oidc/callback} (GET, or POST for form_post) takes the
 * state back, exchanges the code at the provider's token endpoint and verifies the ID token
 * (signature, issuer, audience, nonce, time claims) before the login ends as a {@code login} does.
 */
@Component
class OidcPaths {

    static final String FAILED = "Vault login failed.";
    /** How long a pending browser login waits for its callback (Vault's). */
    static final long STATE_TTL_MS = 10 * 60_000L;
    /** At most this many pending browser logins per mount: auth_url is unauthenticated. */
    static final int MAX_PENDING = 10_000;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private static final Logger LOG = LoggerFactory.getLogger(OidcPaths.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtStore store;
    private final JwtLogins logins;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    OidcPaths(JwtStore store, JwtLogins logins, TransactionTemplate tx, JsonMapper json) {
        this.store = store;
        this.logins = logins;
        this.tx = tx;
        this.json = json;
    }

    List<PathFamily> paths() {
        return List.of(PathFamily.of("oidc/auth_url")
                        .field(Field.string("role", "The role; the mount's default_role when left out."))
                        .field(Field.string("redirect_uri", "Where the provider returns the browser: one of the role's allowed_redirect_uris."))
                        .field(Field.string("client_nonce", "A value the callback must present again (the CLI's)."))
                        .write(this::authUrl, "Start a browser login: the provider's authorization URL.")
                        .help("The URL to send the browser to for a role.", "").build(),
                PathFamily.of("oidc/callback")
                        .field(Field.string("state", "The state auth_url issued."))
                        .field(Field.string("code", "The provider's authorization code.").maxLength(8192))
                        .field(Field.string("id_token", "An ID token sent directly (implicit flow): not supported."))
                        .field(Field.string("client_nonce", "The client_nonce given to auth_url."))
                        .field(Field.string("error", "The provider's error code."))
                        .field(Field.string("error_description", "The provider's description of the error."))
                        .read(this::callback, "End a browser login (query response mode).")
                        .write(this::callback, "End a browser login (form_post response mode).")
                        .help("Where the browser flow returns: the answer's auth block carries the token.", "").build());
    }

    private ResponseEntity<?> authUrl(BackendRequest r) {
        JwtConfig config = logins.config(r);
        if (!config.oidcFlow()) {
            throw VaultException.badRequest("OIDC login is not configured for this mount");
        }
        String redirect = r.fields().string("redirect_uri");
        if (r.fields().string("role").isEmpty() && config.defaultRole().isEmpty()) {
            throw VaultException.badRequest("missing role");
        }
        if (redirect.isEmpty()) {
            throw VaultException.badRequest("missing redirect_uri");
        }
        JwtLogins.Named named = logins.role(r, config);
        if (!named.role().roleType().equals(JwtRole.OIDC)) {
            throw VaultException.badRequest("role \"" + named.name() + "\" is not an OIDC role");
        }
        if (!allowedRedirect(redirect, named.role().allowedRedirectUris())) {
            // Vault answers an empty URL here (its CLI explains); the reason is logged, not told.
            LOG.warn("jwt mount {}: unauthorized redirect_uri for role {}", r.mountAccessor(), named.name());
            return r.ok(Map.of("auth_url", ""));
        }
        KeySets.Discovery d = discovery(r, config);
        String state = "st_" + random(24);
        String nonce = "n_" + random(24);
        String verifier = random(48);
        long now = System.currentTimeMillis();
        Boolean kept = tx.execute(t -> store.addPending(r.mountAccessor(), state,
                new PendingLogin(named.name(), redirect, nonce, verifier, r.fields().string("client_nonce")), now + STATE_TTL_MS, now,
                MAX_PENDING));
        if (!Boolean.TRUE.equals(kept)) {
            throw new VaultException(503, "too many pending OIDC logins on this mount; try again later");
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>(List.of("openid"));
        scopes.addAll(named.role().oidcScopes());
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", config.oidcClientId());
        q.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(JwtStore.sha256(verifier)));
        q.put("code_challenge_method", "S256");
        if (named.role().maxAge() > 0) {
            q.put("max_age", Long.toString(named.role().maxAge()));
        }
        q.put("nonce", nonce);
        q.put("redirect_uri", redirect);
        if (config.oidcResponseMode().equals("form_post")) {
            q.put("response_mode", "form_post");
        }
        q.put("response_type", "code");
        q.put("scope", String.join(" ", scopes));
        q.put("state", state);
        String base = d.authorizationEndpoint();
        return r.ok(Map.of("auth_url", base + (base.contains("?") ? "&" : "?") + form(q)));
    }

    private ResponseEntity<?> callback(BackendRequest r) {
        FieldData f = r.fields();
        JwtConfig config = logins.config(r);
        PendingLogin p = store.takePending(r.mountAccessor(), f.string("state"), System.currentTimeMillis())
                .orElseThrow(() -> VaultException.badRequest(FAILED + " Expired or missing OAuth state."));
        if (!f.string("error").isEmpty()) {
            String why = (f.string("error_description").isEmpty() ? f.string("error") : f.string("error_description"))
                    .replaceAll("[^\\w .,:;'()-]", "");
            throw VaultException.badRequest(FAILED + " " + why.substring(0, Math.min(why.length(), 200)));
        }
        if (!p.clientNonce().isEmpty() && !same(p.clientNonce(), f.string("client_nonce"))) {
            throw VaultException.badRequest("invalid client_nonce");
        }
        String code = f.string("code");
        if (code.isEmpty()) {
            throw VaultException.badRequest(FAILED + " No code or id_token received.");
        }
        JwtLogins.Named named = new JwtLogins.Named(p.role(), store.role(r.mountAccessor(), p.role())
                .orElseThrow(() -> VaultException.badRequest(FAILED + " Role could not be found")));
        KeySets.Provider provider = logins.provider(r, config);
        KeySets.Discovery d = discovery(r, config);
        String idToken = exchange(r, provider, d, config, code, p);
        JsonNode claims;
        try {
            claims = TokenVerifier.verifySignature(idToken, provider.keys(), config.algorithms(), json);
            TokenVerifier.checkClaims(claims, named.role(), config.boundIssuer(), Instant.now());
            if (!d.issuer().equals(claims.path("iss").asString(""))) {
                throw new Refused("ID token issuer is not the provider's");
            }
            JsonNode aud = claims.path("aud");
            boolean forUs = aud.isArray() ? aud.valueStream().anyMatch(a -> a.asString("").equals(config.oidcClientId()))
                    : aud.asString("").equals(config.oidcClientId());
            if (!forUs) {
                throw new Refused("ID token audience is not this client");
            }
            if (!same(p.nonce(), claims.path("nonce").asString(""))) {
                throw new Refused("ID token nonce does not match");
            }
        } catch (Refused e) {
            throw JwtLogins.refused(r, e);
        }
        return logins.finish(r, named, claims);
    }

    /** The code exchanged for the ID token, with the PKCE verifier; failures never tell the code or the secret. */
    private String exchange(BackendRequest r, KeySets.Provider provider, KeySets.Discovery d, JwtConfig config, String code, PendingLogin p) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", p.redirectUri());
        form.put("code_verifier", p.codeVerifier());
        try {
            JsonNode answer = json.readTree(provider.client().postForm(d.tokenEndpoint(), form, config.oidcClientId(), config.oidcClientSecret()));
            String idToken = answer.path("id_token").asString("");
            if (idToken.isEmpty()) {
                throw VaultException.badRequest(FAILED + " No id_token found in response.");
            }
            return idToken;
        } catch (IOException | tools.jackson.core.JacksonException e) {
            LOG.warn("jwt mount {}: the code exchange failed: {}", r.mountAccessor(), e.getMessage());
            throw VaultException.badRequest(FAILED + " Error exchanging oidc code.");
        }
    }

    private KeySets.Discovery discovery(BackendRequest r, JwtConfig config) {
        KeySets.Discovery d = logins.provider(r, config).discovery();
        if (d == null || d.authorizationEndpoint().isEmpty() || d.tokenEndpoint().isEmpty()) {
            throw VaultException.badRequest("OIDC login is not configured for this mount");
        }
        return d;
    }

    /**
     * Vault's check: an allowed URI exactly; for a loopback host (the CLI's listener), an allowed URI
     * that differs only in the port (RFC 8252).
     */
    static boolean allowedRedirect(String uri, List<String> allowed) {
        if (allowed.contains(uri)) {
            return true;
        }
        URI in = parse(uri);
        if (in == null || in.getHost() == null || !LOOPBACK.contains(in.getHost())) {
            return false;
        }
        String portless = withoutPort(in);
        return allowed.stream().map(OidcPaths::parse).anyMatch(a -> a != null && a.getHost() != null && portless.equals(withoutPort(a)));
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String withoutPort(URI u) {
        try {
            return new URI(u.getScheme(), u.getUserInfo(), u.getHost(), -1, u.getPath(), u.getQuery(), u.getFragment()).toString();
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String form(Map<String, String> q) {
        return q.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20")).collect(Collectors.joining("&"));
    }
}
