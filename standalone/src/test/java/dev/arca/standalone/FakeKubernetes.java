package dev.arca.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.test.TestHttp;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes API server at the protocol level for the kubernetes auth method's tests: fabric8's
 * mock server over HTTPS (its self-signed certificate is the CA the mount is given), answering
 * TokenReviews as the API server does (the token must carry the cluster's signature, be unexpired and
 * share an audience with the review; the reviewer must itself hold a valid token) and serving
 * namespaces with labels. Service account tokens are signed with keys generated here.
 */
final class FakeKubernetes implements AutoCloseable {

    /** A service account of the fake cluster. */
    record Account(String namespace, String name, String uid) {
        static Account of(String namespace, String name) {
            return new Account(namespace, name, UUID.randomUUID().toString());
        }
    }

    static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

    private final KubernetesMockServer server = new KubernetesMockServer(true);
    private final KeyPair clusterKey = keys("RSA");
    private final List<String> reviewBearers = new CopyOnWriteArrayList<>();
    private final List<String> reviewedTokens = new CopyOnWriteArrayList<>();
    private final String caPem;

    FakeKubernetes(Map<String, Map<String, String>> namespaceLabels) {
        server.init();
        try {
            caPem = Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(new Review()).always();
        namespaceLabels.forEach((ns, labels) -> server.expect().get().withPath("/api/v1/namespaces/" + ns)
                .andReply(new Authenticated(Map.of("apiVersion", "v1", "kind", "Namespace",
                        "metadata", Map.of("name", ns, "labels", labels)))).always());
    }

    String host() {
        return "https://localhost:" + server.getPort();
    }

    String caPem() {
        return caPem;
    }

    /** The bearer tokens the TokenReviews came with, in order. */
    List<String> reviewBearers() {
        return reviewBearers;
    }

    /** The tokens under review, in order. */
    List<String> reviewedTokens() {
        return reviewedTokens;
    }

    /** A projected token of the cluster (as a pod's volume holds it) for these audiences, valid for {@code ttl} from now (negative: expired). */
    String projected(Account a, Duration ttl, String... audiences) {
        return projected(a, ttl, rsaSigner(clusterKey), JWSAlgorithm.RS256, ISSUER, audiences);
    }

    static String projected(Account a, Duration ttl, JWSSigner signer, JWSAlgorithm alg, String issuer, String... audiences) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("system:serviceaccount:" + a.namespace() + ":" + a.name())
                .audience(List.of(audiences)).issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("kubernetes.io", Map.of("namespace", a.namespace(), "serviceaccount", Map.of("name", a.name(), "uid", a.uid()),
                        "pod", Map.of("name", a.name() + "-7d4b9c-x2x5q", "uid", UUID.randomUUID().toString())))
                .build();
        return sign(signer, alg, claims);
    }

    /** A legacy secret-based token: no expiry, no audience, the {@code kubernetes.io/serviceaccount/*} claims. */
    static String legacy(Account a, String secretName, JWSSigner signer, JWSAlgorithm alg) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("kubernetes/serviceaccount")
                .subject("system:serviceaccount:" + a.namespace() + ":" + a.name())
                .claim("kubernetes.io/serviceaccount/namespace", a.namespace())
                .claim("kubernetes.io/serviceaccount/secret.name", secretName)
                .claim("kubernetes.io/serviceaccount/service-account.name", a.name())
                .claim("kubernetes.io/serviceaccount/service-account.uid", a.uid()).build();
        return sign(signer, alg, claims);
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("test").build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWSSigner rsaSigner(KeyPair k) {
        return new RSASSASigner(k.getPrivate());
    }

    static JWSSigner ecSigner(KeyPair k) {
        try {
            return new ECDSASigner((ECPrivateKey) k.getPrivate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A public key as {@code pem_keys} takes it. */
    static String publicPem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The cluster's claims of a token it signed and that has not expired; null otherwise. */
    private JWTClaimsSet valid(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) clusterKey.getPublic()))) {
                return null;
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            return c.getExpirationTime() != null && c.getExpirationTime().before(new Date()) ? null : c;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }

    private boolean authenticated(RecordedRequest req) {
        String auth = req.getHeader("Authorization");
        return auth != null && auth.startsWith("Bearer ") && valid(auth.substring(7)) != null;
    }

    /** An answer only for callers with a valid token of the cluster (else 401, as the API server answers). */
    private class Authenticated implements ResponseProvider<Object> {
        private final Object body;
        private Headers headers = new Headers.Builder().add("Content-Type", "application/json").build();

        Authenticated(Object body) {
            this.body = body;
        }

        @Override
        public int getStatusCode(RecordedRequest req) {
            return authenticated(req) ? 200 : 401;
        }

        @Override
        public Object getBody(RecordedRequest req) {
            return TestHttp.JSON.writeValueAsString(authenticated(req) ? body
                    : Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "message", "Unauthorized", "code", 401));
        }

        @Override
        public Headers getHeaders() {
            return headers;
        }

        @Override
        public void setHeaders(Headers h) {
            headers = h;
        }
    }

    /** The TokenReview endpoint. */
    private final class Review extends Authenticated {
        Review() {
            super(Map.of());
        }

        @Override
        public int getStatusCode(RecordedRequest req) {
            return authenticated(req) ? 201 : 401;
        }

        @Override
        public Object getBody(RecordedRequest req) {
            if (!authenticated(req)) {
                return super.getBody(req);
            }
            JsonNode spec = TestHttp.JSON.readTree(req.getUtf8Body()).path("spec");
            String token = spec.path("token").asString("");
            reviewBearers.add(req.getHeader("Authorization").substring(7));
            reviewedTokens.add(token);
            List<String> asked = new ArrayList<>();
            spec.path("audiences").forEach(a -> asked.add(a.asString()));
            JWTClaimsSet c = valid(token);
            Map<String, Object> status = new LinkedHashMap<>();
            List<String> shared = c == null ? List.of() : asked.isEmpty() ? c.getAudience()
                    : asked.stream().filter(c.getAudience()::contains).toList();
            if (c == null || (!asked.isEmpty() && shared.isEmpty())) {
                status.put("authenticated", false);
                status.put("error", "[invalid bearer token, token audiences not valid]");
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> k8s = (Map<String, Object>) c.getClaim("kubernetes.io");
                @SuppressWarnings("unchecked")
                Map<String, Object> sa = (Map<String, Object>) k8s.get("serviceaccount");
                status.put("authenticated", true);
                status.put("user", Map.of("username", "system:serviceaccount:" + k8s.get("namespace") + ":" + sa.get("name"),
                        "uid", sa.get("uid"), "groups", List.of("system:serviceaccounts", "system:authenticated")));
                status.put("audiences", shared);
            }
            return TestHttp.JSON.writeValueAsString(Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenReview",
                    "metadata", Map.of("creationTimestamp", ""), "spec", Map.of(), "status", status));
        }
    }

    @Override
    public void close() {
        server.destroy();
    }
}
