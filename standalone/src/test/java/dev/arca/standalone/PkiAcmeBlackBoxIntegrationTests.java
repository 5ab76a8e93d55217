package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import dev.arca.test.TestHttp;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultMount;
import tools.jackson.databind.JsonNode;

/**
 * ACME (RFC 8555) on a pki mount through the whole platform: with acme4j on the sign-verbatim directory,
 * and driven request by request on a role's directory (JWS made with Nimbus): directory, nonce, account, order, http-01 answered by a small HTTP server here,
 * finalize, the chain verified by Java's PKIX against the CA, revocation through ACME seen in the CRL;
 * and the refusals: reused nonce, wrong url, bad signature, wrong key form, identifiers the role does
 * not allow, finalize too early, a disabled directory.
 */
class PkiAcmeBlackBoxIntegrationTests {

    private static final String MOUNT = "pki-acme";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> CHALLENGES = new ConcurrentHashMap<>();
    private static HttpServer challengeServer;
    private static X509Certificate ca;

    @BeforeAll
    static void mount() throws Exception {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount(MOUNT, VaultMount.create("pki"));
        root.write("sys/mounts/" + MOUNT + "/tune", Map.of("max_lease_ttl", "87600h"));
        ca = certificate(root.write(MOUNT + "/root/generate/internal", Map.of("common_name", "Arca ACME Root", "ttl", "87600h",
                "key_type", "ec")).getRequiredData().get("certificate").toString());
        root.write(MOUNT + "/config/cluster", Map.of("path", DevPlatform.address() + "/v1/" + MOUNT));
        root.write(MOUNT + "/roles/web-acme", Map.of("allowed_domains", "localhost", "allow_bare_domains", true, "allow_localhost", true,
                "key_type", "ec", "max_ttl", "72h", "ttl", "24h"));
        challengeServer = HttpServer.create(new InetSocketAddress(DevPlatform.ACME_HTTP01_PORT), 8);
        challengeServer.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length());
            String answer = CHALLENGES.get(token);
            byte[] body = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        challengeServer.start();
    }

    @AfterAll
    static void stop() {
        challengeServer.stop(0);
    }

    @Test
    void aClientGetsACertificateThroughHttp01AndRevokesIt() throws Exception {
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true));
        Acme acme = new Acme(DevPlatform.address() + "/v1/" + MOUNT + "/roles/web-acme/acme");

        Reply account = acme.newAccount(Map.of("termsOfServiceAgreed", true, "contact", List.of("mailto:ops@example.com")));
        assertThat(account.status).isEqualTo(201);
        assertThat(account.json().path("status").asString()).isEqualTo("valid");
        assertThat(account.location).startsWith(acme.base + "/account/");
        assertThat(acme.newAccount(Map.of()).location).as("the same key finds the same account").isEqualTo(account.location);
        acme.kid = account.location;

        Reply order = acme.post(acme.directory.path("newOrder").asString(),
                Map.of("identifiers", List.of(Map.of("type", "dns", "value", "localhost"))));
        assertThat(order.status).isEqualTo(201);
        assertThat(order.json().path("status").asString()).isEqualTo("pending");
        String orderUrl = order.location;
        String finalizeUrl = order.json().path("finalize").asString();

        KeyPair certKey = TestPki.keys();
        Reply early = acme.post(finalizeUrl, Map.of("csr", csr(certKey, "localhost")));
        assertProblem(early, 403, "orderNotReady");

        Reply authz = acme.post(order.json().path("authorizations").get(0).asString(), null);
        assertThat(authz.json().at("/identifier/value").asString()).isEqualTo("localhost");
        JsonNode challenge = authz.json().path("challenges").get(0);
        assertThat(challenge.path("type").asString()).isEqualTo("http-01");
        String token = challenge.path("token").asString();
        CHALLENGES.put(token, token + "." + acme.key.computeThumbprint());
        Reply answered = acme.post(challenge.path("url").asString(), Map.of());
        assertThat(answered.json().path("status").asString()).as(answered.body).isEqualTo("valid");
        assertThat(acme.post(orderUrl, null).json().path("status").asString()).isEqualTo("ready");

        Reply finalized = acme.post(finalizeUrl, Map.of("csr", csr(certKey, "localhost")));
        assertThat(finalized.status).as(finalized.body).isEqualTo(200);
        assertThat(finalized.json().path("status").asString()).isEqualTo("valid");
        Reply chain = acme.post(finalized.json().path("certificate").asString(), null);
        assertThat(chain.contentType).startsWith("application/pem-certificate-chain");
        List<X509Certificate> certs = certificates(chain.body);
        X509Certificate leaf = certs.getFirst();
        assertThat(leaf.getPublicKey()).isEqualTo(certKey.getPublic());
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList()).contains("localhost");
        assertThat(leaf.getExtendedKeyUsage()).as("the role's clientAuth is dropped without allow_role_ext_key_usage")
                .containsExactly("1.3.6.1.5.5.7.3.1");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(certs.subList(0, 1)), params);
        assertThat(certs).as("the chain ends with the CA").contains(ca);
        JsonNode listed = acme.post(account.location + "/orders", null).json();
        assertThat(listed.path("orders").toString()).contains(orderUrl);

        Reply revoked = acme.post(acme.directory.path("revokeCert").asString(),
                Map.of("certificate", Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getEncoded())));
        assertThat(revoked.status).as(revoked.body).isEqualTo(200);
        assertThat(crl().getRevokedCertificate(leaf.getSerialNumber())).as("the CRL shows the ACME revocation").isNotNull();
        assertProblem(acme.post(acme.directory.path("revokeCert").asString(),
                Map.of("certificate", Base64.getUrlEncoder().withoutPadding().encodeToString(leaf.getEncoded()))), 400, "alreadyRevoked");
    }

    @Test
    void acme4jGetsACertificateFromTheSignVerbatimDirectoryAndRevokesIt() throws Exception {
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true));
        org.shredzone.acme4j.Session session = new org.shredzone.acme4j.Session(
                URI.create(DevPlatform.address() + "/v1/" + MOUNT + "/acme/directory"));
        org.shredzone.acme4j.Account account = new org.shredzone.acme4j.AccountBuilder().agreeToTermsOfService()
                .useKeyPair(TestPki.keys()).create(session);
        assertThat(account.getStatus()).isEqualTo(org.shredzone.acme4j.Status.VALID);
        org.shredzone.acme4j.Order order = account.newOrder().domain("localhost").create();
        for (org.shredzone.acme4j.Authorization auth : order.getAuthorizations()) {
            org.shredzone.acme4j.challenge.Http01Challenge challenge = auth
                    .findChallenge(org.shredzone.acme4j.challenge.Http01Challenge.class).orElseThrow();
            CHALLENGES.put(challenge.getToken(), challenge.getAuthorization());
            challenge.trigger();
            assertThat(challenge.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(org.shredzone.acme4j.Status.VALID);
        }
        KeyPair domainKey = TestPki.keys();
        order.execute(domainKey);
        assertThat(order.waitForCompletion(Duration.ofSeconds(30))).isEqualTo(org.shredzone.acme4j.Status.VALID);
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        X509Certificate leaf = chain.getFirst();
        assertThat(leaf.getPublicKey()).isEqualTo(domainKey.getPublic());
        assertThat(leaf.getExtendedKeyUsage()).as("sign-verbatim orders are server certificates").containsExactly("1.3.6.1.5.5.7.3.1");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), params);

        order.getCertificate().revoke();
        assertThat(crl().getRevokedCertificate(leaf.getSerialNumber())).isNotNull();
    }

    @Test
    void badRequestsAreRefusedWithProblemDocuments() throws Exception {
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true));
        Acme acme = new Acme(DevPlatform.address() + "/v1/" + MOUNT + "/roles/web-acme/acme");
        String newAccount = acme.directory.path("newAccount").asString();

        // a nonce is single use
        String nonce = acme.nonce();
        assertThat(acme.post(newAccount, Map.of(), nonce, newAccount, true, false).status).isEqualTo(201);
        assertProblem(acme.post(newAccount, Map.of(), nonce, newAccount, true, false), 400, "badNonce");
        assertProblem(acme.post(newAccount, Map.of(), "never-issued", newAccount, true, false), 400, "badNonce");
        // the url header must be the resource's
        assertProblem(acme.post(newAccount, Map.of(), acme.nonce(), acme.directory.path("newOrder").asString(), true, false),
                403, "unauthorized");
        // a signature that does not verify
        assertProblem(acme.post(newAccount, Map.of(), acme.nonce(), newAccount, true, true), 400, "malformed");
        // new-order takes a kid, not a jwk
        String newOrder = acme.directory.path("newOrder").asString();
        assertProblem(acme.post(newOrder, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "localhost"))), acme.nonce(),
                newOrder, true, false), 400, "malformed");

        acme.kid = acme.newAccount(Map.of()).location;
        assertProblem(acme.post(newOrder, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "evil.example")))), 400,
                "rejectedIdentifier");
        assertProblem(acme.post(newOrder, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "*.localhost")))), 400,
                "rejectedIdentifier");
        List<Map<String, String>> many = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> Map.of("type", "dns", "value", "h" + i + ".localhost")).toList();
        assertProblem(acme.post(newOrder, Map.of("identifiers", many)), 400, "rejectedIdentifier");

        // a challenge whose answer is wrong leaves the authorization invalid
        Reply order = acme.post(newOrder, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "localhost"))));
        JsonNode challenge = acme.post(order.json().path("authorizations").get(0).asString(), null).json().path("challenges").get(0);
        CHALLENGES.put(challenge.path("token").asString(), "wrong");
        Reply failed = acme.post(challenge.path("url").asString(), Map.of());
        assertThat(failed.json().path("status").asString()).isEqualTo("invalid");
        assertThat(acme.post(order.location, null).json().path("status").asString()).isEqualTo("invalid");

        // a kid of no account
        Acme stranger = new Acme(acme.base);
        stranger.kid = acme.base + "/account/00000000-0000-0000-0000-000000000000";
        assertProblem(stranger.post(newOrder, Map.of("identifiers", List.of(Map.of("type", "dns", "value", "localhost")))), 400,
                "accountDoesNotExist");

        // a directory the configuration does not allow
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true, "allowed_roles", List.of("other")));
        TestHttp.Response forbidden = DevPlatform.http().send("GET", "/v1/" + MOUNT + "/roles/web-acme/acme/directory", null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().path("type").asString()).isEqualTo("urn:ietf:params:acme:error:unauthorized");
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", false, "allowed_roles", List.of("*")));
        assertThat(DevPlatform.http().send("GET", "/v1/" + MOUNT + "/acme/directory", null).status()).isEqualTo(403);
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true));
    }

    @Test
    void theDirectoryAndNoncesNeedNoToken() {
        DevPlatform.root().write(MOUNT + "/config/acme", Map.of("enabled", true));
        TestHttp.Response dir = DevPlatform.http().send("GET", "/v1/" + MOUNT + "/acme/directory", null);
        assertThat(dir.status()).isEqualTo(200);
        String base = DevPlatform.address() + "/v1/" + MOUNT + "/acme";
        assertThat(dir.json().path("newNonce").asString()).isEqualTo(base + "/new-nonce");
        assertThat(dir.json().path("newOrder").asString()).isEqualTo(base + "/new-order");
        assertThat(dir.headers().get("replay-nonce")).singleElement().asString().isNotBlank();
        assertThat(dir.headers().get("link")).singleElement().asString().isEqualTo("<" + base + "/directory>;rel=\"index\"");
        TestHttp.Response nonce = DevPlatform.http().send("GET", "/v1/" + MOUNT + "/acme/new-nonce", null);
        assertThat(nonce.status()).isEqualTo(204);
        assertThat(nonce.headers().get("replay-nonce")).singleElement().asString().isNotEqualTo(dir.headers().get("replay-nonce").getFirst());
        assertThat(nonce.headers().get("cache-control")).containsExactly("no-store");
        RawHttp raw = new RawHttp(DevPlatform.get().gatewayPort());
        RawHttp.Response head = raw.send("HEAD /v1/" + MOUNT + "/acme/new-nonce HTTP/1.1");
        assertThat(head.status()).as("HEAD new-nonce, as ACME clients ask").isEqualTo(200);
        assertThat(head.header("Replay-Nonce")).isNotBlank();
        assertThat(head.body()).isEmpty();
        assertThat(raw.send("HEAD /v1/" + MOUNT + "/acme/directory HTTP/1.1").status()).as("a family without a header operation").isEqualTo(405);
        assertThat(raw.send("HEAD /v1/" + MOUNT + "/config/acme HTTP/1.1").status()).as("a path that needs a token").isEqualTo(403);
        TestHttp.Response config = DevPlatform.http().send("GET", "/v1/" + MOUNT + "/config/acme", null);
        assertThat(config.status()).as("config/acme itself needs a token").isEqualTo(403);
        assertThat(DevPlatform.http().send("POST", "/v1/" + MOUNT + "/config/acme", Map.of("eab_policy", "always-required"),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN).status()).isEqualTo(400);
    }

    private static void assertProblem(Reply r, int status, String type) {
        assertThat(r.status).as(r.body).isEqualTo(status);
        assertThat(r.contentType).isEqualTo("application/problem+json");
        assertThat(r.json().path("type").asString()).isEqualTo("urn:ietf:params:acme:error:" + type);
        assertThat(r.nonce).as("a refusal carries a fresh nonce too").isNotBlank();
    }

    private static String csr(KeyPair keys, String name) throws Exception {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(csr.getEncoded());
    }

    private static X509CRL crl() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(DevPlatform.address() + "/v1/" + MOUNT + "/crl"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return certificates(pem).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> certificates(String pem) throws Exception {
        return (List<X509Certificate>) CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An answer of the ACME server. */
    private record Reply(int status, String body, @Nullable String contentType, @Nullable String location, @Nullable String nonce) {
        JsonNode json() {
            return TestHttp.JSON.readTree(body);
        }
    }

    /** A minimal ACME client: an ES256 account key, its kid once known, and the JWS of each request. */
    private static final class Acme {

        final String base;
        final ECKey key;
        final JsonNode directory;
        @Nullable String kid;

        Acme(String base) throws Exception {
            this.base = base;
            this.key = new ECKeyGenerator(Curve.P_256).generate();
            this.directory = TestHttp.JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/directory")).GET()).body);
        }

        static Reply send(HttpRequest.Builder b) throws Exception {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Location").orElse(null), r.headers().firstValue("Replay-Nonce").orElse(null));
        }

        String nonce() throws Exception {
            Reply r = send(HttpRequest.newBuilder(URI.create(directory.path("newNonce").asString())).GET());
            assertThat(r.status).isEqualTo(204);
            return r.nonce;
        }

        Reply newAccount(Map<String, Object> payload) throws Exception {
            String url = directory.path("newAccount").asString();
            return post(url, payload, nonce(), url, true, false);
        }

        /** A POST signed with the kid; a null payload is a POST-as-GET. */
        Reply post(String url, @Nullable Object payload) throws Exception {
            return post(url, payload, nonce(), url, false, false);
        }

        Reply post(String url, @Nullable Object payload, String nonce, String signedUrl, boolean jwk, boolean tamper) throws Exception {
            JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.ES256).customParam("nonce", nonce).customParam("url", signedUrl);
            if (jwk) {
                h.jwk(key.toPublicJWK());
            } else {
                h.keyID(kid);
            }
            JWSObject jws = new JWSObject(h.build(), new Payload(payload == null ? "" : TestHttp.JSON.writeValueAsString(payload)));
            jws.sign(new ECDSASigner(key));
            String[] parts = jws.serialize().split("\\.", -1);
            Map<String, String> body = new LinkedHashMap<>();
            body.put("protected", parts[0]);
            body.put("payload", tamper ? Base64.getUrlEncoder().withoutPadding().encodeToString("{\"x\":1}".getBytes(StandardCharsets.UTF_8))
                    : parts[1]);
            body.put("signature", parts[2]);
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/jose+json")
                    .POST(HttpRequest.BodyPublishers.ofString(TestHttp.JSON.writeValueAsString(body))));
        }
    }
}
