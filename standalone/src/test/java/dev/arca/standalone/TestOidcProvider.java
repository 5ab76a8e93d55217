package dev.arca.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Connect provider for tests, on the JDK's HTTP server: discovery, a JWKS of RSA keys made
 * at test time (rotatable), an authorization endpoint that signs in whichever user the test chose and
 * redirects back with a code, and a token endpoint that checks the client's credentials, the redirect
 * URI and the PKCE verifier before it answers a signed ID token with the request's nonce.
 */
final class TestOidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "arca-client";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Grant(String redirectUri, String challenge, String nonce, Map<String, Object> claims) {
    }

    private final HttpServer server;
    private final String clientSecret = UUID.randomUUID().toString();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile RSAKey key;
    private volatile Map<String, Object> user = Map.of();

    TestOidcProvider() throws IOException {
        key = newKey();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", ex -> json(ex, 200, Map.of("issuer", issuer(),
                "authorization_endpoint", issuer() + "/authorize", "token_endpoint", issuer() + "/token", "jwks_uri", issuer() + "/jwks",
                "response_types_supported", java.util.List.of("code"), "code_challenge_methods_supported", java.util.List.of("S256"))));
        server.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            json(ex, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
        });
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String clientSecret() {
        return clientSecret;
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** The user the next browser login signs in as: the ID token's claims besides the registered ones. */
    void signInAs(Map<String, Object> claims) {
        user = Map.copyOf(claims);
    }

    /** A new signing key with a new kid; tokens signed before no longer verify against the published set. */
    void rotate() {
        key = newKey();
    }

    /** A token signed with the current key: {@code iss} this provider, the given claims, an hour of life unless they say. */
    String sign(Map<String, Object> claims) {
        return sign(key, claims);
    }

    /** The same, signed with a key nobody published but carrying the current kid: a forged token. */
    String forge(Map<String, Object> claims) {
        RSAKey other = newKey();
        return sign(new RSAKey.Builder(other).keyID(key.getKeyID()).build(), claims);
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(RSAKey with, Map<String, Object> claims) {
        long now = Instant.now().getEpochSecond();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(issuer()).issueTime(new java.util.Date(now * 1000))
                .notBeforeTime(new java.util.Date(now * 1000)).expirationTime(new java.util.Date((now + 3600) * 1000));
        claims.forEach(b::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(JOSEObjectType.JWT).build(),
                    b.build());
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || !q.getOrDefault("scope", "").contains("openid")) {
            json(ex, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(q.get("redirect_uri"), q.get("code_challenge"), q.get("nonce"), user));
        String redirect = q.get("redirect_uri") + "?code=" + enc(code) + "&state=" + enc(q.get("state"));
        ex.getResponseHeaders().add("Location", redirect);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        Grant g = codes.remove(f.getOrDefault("code", ""));
        if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization")) || g == null || !"authorization_code".equals(f.get("grant_type"))
                || !g.redirectUri().equals(f.get("redirect_uri")) || !g.challenge().equals(s256(f.getOrDefault("code_verifier", "")))) {
            json(ex, 400, Map.of("error", "invalid_grant"));
            return;
        }
        Map<String, Object> claims = new LinkedHashMap<>(g.claims());
        claims.put("aud", CLIENT_ID);
        claims.put("nonce", g.nonce());
        json(ex, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer", "expires_in", 300,
                "id_token", sign(claims)));
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
