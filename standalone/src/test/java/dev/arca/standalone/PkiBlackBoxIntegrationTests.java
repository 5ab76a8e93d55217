package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultPkiOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.CertificateBundle;
import org.springframework.vault.support.VaultCertificateRequest;
import org.springframework.vault.support.VaultMount;
import tools.jackson.databind.JsonNode;

/**
 * pki mounted through sys/mounts and used as applications do: spring-vault-core's
 * {@code VaultPkiOperations} (issue, sign, revoke, CRL), cert-manager's request replayed over HTTP, the
 * unauthenticated CA and CRL reads and the OCSP responder through the gateway, leased certificates, and
 * a real mutual-TLS handshake between a server and a client holding issued certificates.
 */
class PkiBlackBoxIntegrationTests {

    private static final String MOUNT = "pki-bb";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static VaultPkiOperations pki;
    private static String rootPem;

    @TempDir
    Path dir;

    @BeforeAll
    static void mount() {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount(MOUNT, VaultMount.create("pki"));
        // a CA mount's max TTL is tuned to the root's lifetime, as in Vault
        root.write("sys/mounts/" + MOUNT + "/tune", Map.of("max_lease_ttl", "87600h"));
        rootPem = root.write(MOUNT + "/root/generate/internal", Map.of("common_name", "Arca Black-box Root", "ttl", "87600h",
                "key_type", "ec")).getRequiredData().get("certificate").toString();
        root.write(MOUNT + "/config/urls", Map.of("issuing_certificates", DevPlatform.address() + "/v1/" + MOUNT + "/ca",
                "crl_distribution_points", DevPlatform.address() + "/v1/" + MOUNT + "/crl",
                "ocsp_servers", DevPlatform.address() + "/v1/" + MOUNT + "/ocsp"));
        root.write(MOUNT + "/roles/svc", Map.of("allowed_domains", "svc.local", "allow_subdomains", true, "key_type", "ec",
                "max_ttl", "72h"));
        root.write(MOUNT + "/roles/rsa", Map.of("allowed_domains", "svc.local", "allow_subdomains", true, "key_type", "rsa"));
        pki = root.opsForPki(MOUNT);
    }

    @Test
    void springVaultIssuesSignsRevokesAndReadsTheCrl() throws Exception {
        CertificateBundle bundle = pki.issueCertificate("svc", VaultCertificateRequest.builder().commonName("api.svc.local")
                .withAltName("alt.svc.local").withIpSubjectAltName("127.0.0.1").ttl(Duration.ofHours(2)).build()).getRequiredData();
        X509Certificate cert = bundle.getX509Certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=api.svc.local");
        assertThat(bundle.getPrivateKeyType()).isEqualTo("ec");
        cert.verify(bundle.getX509IssuerCertificate().getPublicKey());
        assertThat(bundle.getX509IssuerCertificate()).isEqualTo(certificate(rootPem));
        KeyStore ks = bundle.createKeyStore("app");
        assertThat(ks.getKey("app", new char[0])).isNotNull();

        CertificateBundle rsa = pki.issueCertificate("rsa", VaultCertificateRequest.builder().commonName("rsa.svc.local").build())
                .getRequiredData();
        assertThat(rsa.getPrivateKeyType()).isEqualTo("rsa");
        assertThat(rsa.createKeyStore("rsa").getKey("rsa", new char[0]).getAlgorithm()).isEqualTo("RSA");

        String csr = csr("signed.svc.local");
        var signed = pki.signCertificateRequest("svc", csr, VaultCertificateRequest.builder().commonName("signed.svc.local").build())
                .getRequiredData();
        assertThat(signed.getX509Certificate().getSubjectX500Principal().getName()).isEqualTo("CN=signed.svc.local");

        assertThatThrownBy(() -> pki.issueCertificate("svc", VaultCertificateRequest.builder().commonName("evil.example").build()))
                .isInstanceOf(VaultException.class).hasMessageContaining("common name evil.example not allowed by this role");

        pki.revoke(bundle.getSerialNumber());
        X509CRL crl;
        try (InputStream in = pki.getCrl(VaultPkiOperations.Encoding.DER)) {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        crl.verify(certificate(rootPem).getPublicKey());
        assertThat(crl.getRevokedCertificate(cert)).isNotNull();
        assertThat(crl.getRevokedCertificate(signed.getX509Certificate())).isNull();
        try (InputStream in = pki.getCrl(VaultPkiOperations.Encoding.PEM)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN X509 CRL-----");
        }
        String issuer = DevPlatform.root().read(MOUNT + "/config/issuers").getRequiredData().get("default").toString();
        assertThat(pki.getIssuerCertificate(issuer).getRequiredData().getX509Certificate()).isEqualTo(certificate(rootPem));
    }

    @Test
    void certManagersRequestReplayed() {
        // cert-manager's Vault issuer: every value a string, names from the CSR, exclude_cn_from_sans "true"
        String csr = csr("web.svc.local");
        TestHttp.Response r = DevPlatform.api("POST", MOUNT + "/sign/svc", Map.of(
                "common_name", "web.svc.local",
                "alt_names", "web.svc.local,www.svc.local",
                "ip_sans", "",
                "uri_sans", "",
                "ttl", "2h0m0s",
                "csr", csr,
                "exclude_cn_from_sans", "true"), DevPlatform.ROOT_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode data = r.json().path("data");
        X509Certificate cert = certificate(data.path("certificate").asString());
        assertThat(data.path("issuing_ca").asString()).isEqualTo(rootPem);
        assertThat(data.path("ca_chain")).extracting(JsonNode::asString).containsExactly(rootPem);
        assertThat(cert.getNotAfter().getTime() - cert.getNotBefore().getTime()).isEqualTo(Duration.ofHours(2).plusSeconds(30).toMillis());
        // cert-manager also polls health before it signs
        assertThat(DevPlatform.api("GET", "sys/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedReadsCarryVaultsContentTypes() throws Exception {
        HttpResponse<byte[]> ca = get("/v1/" + MOUNT + "/ca");
        assertThat(ca.statusCode()).isEqualTo(200);
        assertThat(ca.headers().firstValue("Content-Type")).hasValue("application/pkix-cert");
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(ca.body())))
                .isEqualTo(certificate(rootPem));
        HttpResponse<byte[]> pem = get("/v1/" + MOUNT + "/ca/pem");
        assertThat(pem.headers().firstValue("Content-Type")).hasValue("application/pem-certificate-chain");
        assertThat(new String(pem.body(), StandardCharsets.US_ASCII)).isEqualTo(rootPem);
        assertThat(get("/v1/" + MOUNT + "/crl").headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        assertThat(get("/v1/" + MOUNT + "/ca_chain").statusCode()).isEqualTo(200);
        assertThat(DevPlatform.api("GET", MOUNT + "/cert/ca_chain", null, null).json().path("data").path("ca_chain").asString())
                .isEqualTo(rootPem);
        // everything else still needs a token
        assertThat(DevPlatform.api("GET", MOUNT + "/roles/svc", null, null).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", MOUNT + "/issue/svc", Map.of("common_name", "a.svc.local"), null).status()).isEqualTo(403);
    }

    @Test
    void ocspThroughTheGatewayWithOpenssl() throws Exception {
        CertificateBundle b = pki.issueCertificate("svc", VaultCertificateRequest.builder().commonName("ocsp.svc.local").build())
                .getRequiredData();
        Files.writeString(dir.resolve("ca.pem"), rootPem + "\n");
        Files.writeString(dir.resolve("leaf.pem"), pem(b.getX509Certificate()));
        String url = DevPlatform.address() + "/v1/" + MOUNT + "/ocsp";
        assertThat(openssl("ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", url, "-CAfile", "ca.pem"))
                .contains("Response verify OK", "leaf.pem: good");
        pki.revoke(b.getSerialNumber());
        assertThat(openssl("ocsp", "-issuer", "ca.pem", "-cert", "leaf.pem", "-url", url, "-CAfile", "ca.pem"))
                .contains("Response verify OK", "leaf.pem: revoked");
    }

    @Test
    void leasedCertificateIsRevokedWithItsLease() {
        VaultTemplate root = DevPlatform.root();
        root.write(MOUNT + "/roles/leased", Map.of("allowed_domains", "svc.local", "allow_subdomains", true, "key_type", "ec",
                "generate_lease", true, "ttl", "1h"));
        TestHttp.Response r = DevPlatform.api("POST", MOUNT + "/issue/leased", Map.of("common_name", "l.svc.local"), DevPlatform.ROOT_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String leaseId = r.json().path("lease_id").asString();
        assertThat(leaseId).startsWith(MOUNT + "/issue/leased/");
        assertThat(r.json().path("lease_duration").asLong()).isBetween(3500L, 3600L);
        assertThat(r.json().path("renewable").asBoolean()).isFalse();
        String serial = r.json().path("data").path("serial_number").asString();
        assertThat(root.read(MOUNT + "/cert/" + serial).getRequiredData().get("revocation_time")).isEqualTo(0);
        assertThat(DevPlatform.api("PUT", "sys/leases/revoke", Map.of("lease_id", leaseId), DevPlatform.ROOT_TOKEN).status()).isEqualTo(204);
        assertThat(((Number) root.read(MOUNT + "/cert/" + serial).getRequiredData().get("revocation_time")).longValue()).isPositive();
    }

    @Test
    void aLeaseLastsAsLongAsItsCertificateUnderTheMountsMaximum() {
        // the mount's max_lease_ttl (87600h) overrides the system's 768h, for the certificate and its lease alike
        DevPlatform.root().write(MOUNT + "/roles/leased-long", Map.of("allowed_domains", "svc.local", "allow_subdomains", true,
                "key_type", "ec", "generate_lease", true, "ttl", "2000h", "max_ttl", "2000h"));
        TestHttp.Response r = DevPlatform.api("POST", MOUNT + "/issue/leased-long", Map.of("common_name", "long.svc.local"),
                DevPlatform.ROOT_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("lease_duration").asLong()).isBetween(2000L * 3600 - 100, 2000L * 3600);
        JsonNode lease = DevPlatform.api("PUT", "sys/leases/lookup", Map.of("lease_id", r.json().path("lease_id").asString()),
                DevPlatform.ROOT_TOKEN).json().path("data");
        assertThat(lease.path("ttl").asLong()).isGreaterThan(768L * 3600);
    }

    @Test
    void mutualTlsHandshakeWithIssuedCertificates() throws Exception {
        // the client checks the server's name: it connects to the loopback address, which Java calls localhost
        CertificateBundle server = pki.issueCertificate("svc", VaultCertificateRequest.builder().commonName("server.svc.local")
                .withAltName("localhost").withIpSubjectAltName("127.0.0.1").build()).getRequiredData();
        CertificateBundle client = pki.issueCertificate("svc", VaultCertificateRequest.builder().commonName("client.svc.local").build())
                .getRequiredData();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", certificate(rootPem));
        SSLContext serverCtx = tls(server.createKeyStore("server"), trust);
        SSLContext clientCtx = tls(client.createKeyStore("client"), trust);
        try (SSLServerSocket listener = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    String peer = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
                    OutputStream out = s.getOutputStream();
                    out.write(s.getInputStream().read());
                    out.flush();
                    return peer;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket s = (SSLSocket) clientCtx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                var params = s.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
                s.startHandshake();
                assertThat(((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName())
                        .isEqualTo("CN=server.svc.local");
                s.getOutputStream().write(42);
                s.getOutputStream().flush();
                assertThat(s.getInputStream().read()).isEqualTo(42);
            }
            assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo("CN=client.svc.local");
        }
    }

    @Test
    void rootIntermediateRoleIssueWithCurl() throws Exception {
        curl("POST", "sys/mounts/curl-root", "{\"type\":\"pki\",\"config\":{\"max_lease_ttl\":\"87600h\"}}");
        curl("POST", "sys/mounts/curl-int", "{\"type\":\"pki\",\"config\":{\"max_lease_ttl\":\"43800h\"}}");
        JsonNode root = curl("POST", "curl-root/root/generate/internal", "{\"common_name\":\"Curl Root\",\"ttl\":\"87600h\"}");
        Files.writeString(dir.resolve("root.pem"), root.path("data").path("certificate").asString() + "\n");
        String csr = curl("POST", "curl-int/intermediate/generate/internal", "{\"common_name\":\"Curl Intermediate\"}")
                .path("data").path("csr").asString();
        String signed = curl("POST", "curl-root/root/sign-intermediate",
                TestHttp.JSON.writeValueAsString(Map.of("csr", csr, "format", "pem_bundle", "ttl", "43800h")))
                .path("data").path("certificate").asString();
        curl("POST", "curl-int/intermediate/set-signed", TestHttp.JSON.writeValueAsString(Map.of("certificate", signed)));
        curl("POST", "curl-int/roles/web", "{\"allowed_domains\":\"example.com\",\"allow_subdomains\":true,\"max_ttl\":\"72h\"}");
        JsonNode leaf = curl("POST", "curl-int/issue/web", "{\"common_name\":\"www.example.com\",\"ttl\":\"24h\"}").path("data");
        Files.writeString(dir.resolve("int.pem"), leaf.path("issuing_ca").asString() + "\n");
        Files.writeString(dir.resolve("leaf.pem"), leaf.path("certificate").asString() + "\n");
        assertThat(openssl("verify", "-CAfile", "root.pem", "-untrusted", "int.pem", "leaf.pem")).contains("leaf.pem: OK");
        assertThat(leaf.path("private_key_type").asString()).isEqualTo("rsa");
        // the CA chain as a relying party fetches it, with no token
        String chain = run(List.of("curl", "-sS", "--max-time", "30", DevPlatform.address() + "/v1/curl-int/ca_chain"));
        assertThat(chain).contains(leaf.path("issuing_ca").asString());
    }

    private JsonNode curl(String method, String path, String body) {
        String out = run(List.of("curl", "-sS", "--max-time", "30", "-X", method, "-H", "X-Vault-Token: " + DevPlatform.ROOT_TOKEN,
                "-d", body, "-w", "\n%{http_code}", DevPlatform.address() + "/v1/" + path));
        int cut = out.lastIndexOf('\n');
        String status = out.substring(cut + 1).trim();
        assertThat(status).as(method + " " + path + ": " + out).isIn("200", "204");
        String json = out.substring(0, cut);
        return json.isBlank() ? TestHttp.JSON.missingNode() : TestHttp.JSON.readTree(json);
    }

    private String run(List<String> cmd) {
        return run(cmd, dir);
    }

    /** Runs a real tool (curl, openssl) in {@code cwd}; skips the test with a clear message when it is not installed. */
    private static String run(List<String> cmd, Path cwd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS), cmd.getFirst() + " did not finish");
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort(cmd.getFirst() + " is not installed: " + e.getMessage());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext tls(KeyStore keys, KeyStore trust) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private String csr(String cn) {
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", cn + ".key",
                "-out", cn + ".csr", "-subj", "/CN=" + cn, "-addext", "subjectAltName=DNS:" + cn);
        try {
            return Files.readString(dir.resolve(cn + ".csr"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String openssl(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        return run(cmd, dir);
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(DevPlatform.address() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
