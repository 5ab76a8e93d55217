package dev.arca.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * An OpenID Connect provider running in the test: mock-oauth2-server serving discovery, JWKS, the
 * authorization endpoint (non-interactive: it redirects straight back with a code) and the token
 * endpoint (which checks the PKCE verifier and answers an ID token carrying the request's nonce).
 * Each issuer signs with an RSA key made at test time that a test can rotate; the requests the
 * provider received are kept so a test can see what Arca asked it.
 */
final class OidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "arca-client";

    /** The issuer the tests log in against; other issuer ids stand for other signers (a cluster's key). */
    private static final String ISSUER_ID = "arca-idp";

    private final RotatingKeys keys = new RotatingKeys();
    private final MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(false, null, null, false,
            new OAuth2TokenProvider(keys), Set.of()));
    private final String clientSecret = UUID.randomUUID().toString();
    private final List<RecordedRequest> seen = new ArrayList<>();

    OidcProvider() {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    String jwksUrl() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    String clientSecret() {
        return clientSecret;
    }

    /** The user the next code exchange signs in: the ID token's {@code sub} and other claims. */
    void signInAs(Map<String, Object> claims) {
        Map<String, Object> rest = new LinkedHashMap<>(claims);
        String subject = (String) rest.remove("sub");
        server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(), null, rest, 3600));
    }

    /** A new signing key with a new kid; tokens signed before no longer verify against the published set. */
    void rotate() {
        keys.rotate(ISSUER_ID);
    }

    /** A token the provider issues: {@code iss} this issuer, an hour of life, the given claims overriding either. */
    String sign(Map<String, Object> claims) {
        return issue(ISSUER_ID, claims).serialize();
    }

    /** A token from another signer of the same provider (so with a key of its own), e.g. a cluster's service account token. */
    String signAs(String signer, Map<String, Object> claims) {
        return issue(signer, claims).serialize();
    }

    /** The PEM public key the given signer signs with. */
    String publicKeyPem(String signer) {
        try {
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.signingKey(signer).toRSAKey().toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token the provider issued, signed again with a key nobody published but keeping the current kid: a forgery. */
    String forge(Map<String, Object> claims) {
        SignedJWT genuine = issue(ISSUER_ID, claims);
        try {
            SignedJWT forged = new SignedJWT(genuine.getHeader(), genuine.getJWTClaimsSet());
            forged.sign(new RSASSASigner(newKey()));
            return forged.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many JWKS requests the provider has answered so far. */
    int jwksFetches() {
        return (int) requests().stream().filter(r -> r.getRequestUrl().encodedPath().endsWith("/jwks")).count();
    }

    /** The token endpoint requests the provider has received so far. */
    List<RecordedRequest> tokenRequests() {
        return requests().stream().filter(r -> r.getRequestUrl().encodedPath().endsWith("/token")).toList();
    }

    private synchronized List<RecordedRequest> requests() {
        MockWebServer web = ((MockWebServerWrapper) server.getConfig().getHttpServer()).getMockWebServer();
        try {
            for (RecordedRequest r = web.takeRequest(0, TimeUnit.MILLISECONDS); r != null; r = web.takeRequest(0, TimeUnit.MILLISECONDS)) {
                seen.add(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.copyOf(seen);
    }

    private SignedJWT issue(String issuerId, Map<String, Object> claims) {
        Object sub = claims.getOrDefault("sub", UUID.randomUUID().toString());
        return server.issueToken(issuerId, String.valueOf(sub), "default", claims, 3600);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** One RSA key per issuer, made at test time (never the keys bundled with the provider), replaceable to rotate. */
    private static final class RotatingKeys extends KeyProvider {

        private final Map<String, JWK> current = new ConcurrentHashMap<>();

        RotatingKeys() {
            super(List.of());
        }

        @Override
        public JWK signingKey(String issuerId) {
            return current.computeIfAbsent(issuerId, id -> newKey());
        }

        void rotate(String issuerId) {
            current.put(issuerId, newKey());
        }
    }
}
