package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.standalone.TestPki.Issued;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.vault.authentication.ClientCertificateAuthentication;
import org.springframework.vault.authentication.ClientCertificateAuthenticationOptions;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.SslConfiguration.KeyStoreConfiguration;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/**
 * The cert auth method over a real TLS listener (certificates made at test time): the listener asks
 * for a client certificate without requiring one, spring-vault-core's ClientCertificateAuthentication
 * logs in, and plain HTTPS clients with the wrong certificate, none, an expired one or one that breaks
 * a constraint are refused.
 */
class CertBlackBoxIntegrationTests {

    private static final String ROOT = "hvs.root-" + UUID.randomUUID().toString().replace("-", "");
    private static Path dir;
    private static Platform platform;
    private static Issued serverCa;
    private static Issued clientCa;
    private static Issued app;
    private static Issued pinned;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("arca-cert");
        serverCa = TestPki.ca("arca-test-server-ca");
        Issued server = TestPki.leaf("CN=localhost", serverCa, Duration.ofDays(1), TestPki.all(
                TestPki.sans(new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")),
                b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))));
        Files.writeString(dir.resolve("server.pem"), server.pem() + serverCa.pem());
        Files.writeString(dir.resolve("server-key.pem"), TestPki.pem(server.keys()));

        clientCa = TestPki.ca("arca-test-client-ca");
        app = TestPki.leaf("CN=app1,OU=eng", clientCa, Duration.ofDays(1), TestPki.all(TestPki.clientAuth(),
                TestPki.sans(new GeneralName(GeneralName.dNSName, "app1.example.com"), new GeneralName(GeneralName.rfc822Name, "app1@example.com"),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example/app1")),
                TestPki.utf8("1.3.6.1.4.1.99999.1", "prod")));
        pinned = TestPki.leaf("CN=pinned", null, Duration.ofDays(1), TestPki.clientAuth());

        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("certauth"), s.username(), s.password(), null);
        Map<String, Object> gw = new LinkedHashMap<>(DevMode.gatewaySettings(new byte[32], ROOT));
        gw.put("server.ssl.enabled", "true");
        gw.put("server.ssl.certificate", "file:" + dir.resolve("server.pem"));
        gw.put("server.ssl.certificate-private-key", "file:" + dir.resolve("server-key.pem"));
        platform = Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, true, gw));

        assertThat(https(null).send("POST", "/v1/sys/auth/cert", Map.of("type", "cert"), "X-Vault-Token", ROOT).status()).isEqualTo(204);
        assertThat(https(null).send("PUT", "/v1/sys/policies/acl/cert-app", Map.of("policy",
                "path \"secret/data/cert-app/*\" { capabilities = [\"read\"] }"), "X-Vault-Token", ROOT).status()).isEqualTo(204);
        assertThat(https(null).send("POST", "/v1/secret/data/cert-app/db", Map.of("data", Map.of("k", "v")), "X-Vault-Token", ROOT).status())
                .isEqualTo(200);
        write("apps", Map.of("certificate", clientCa.pem(), "token_policies", "cert-app", "allowed_common_names", "app*",
                "allowed_dns_sans", "*.example.com", "allowed_email_sans", "*@example.com", "allowed_uri_sans", "spiffe://example/*",
                "allowed_organizational_units", "eng", "required_extensions", "1.3.6.1.4.1.99999.1:pro*", "token_ttl", "10m"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static void write(String name, Map<String, Object> body) {
        TestHttp.Response r = https(null).send("POST", "/v1/auth/cert/certs/" + name, body, "X-Vault-Token", ROOT);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    /** An HTTPS client trusting the server's CA, presenting {@code client} (with its issuer) when not null. */
    private static TestHttp https(Issued client, X509Certificate... chain) {
        List<X509Certificate> full = client == null ? List.of() : chain.length > 0 ? List.of(chain) : List.of(client.cert());
        HttpClient c = HttpClient.newBuilder().sslContext(TestPki.tls(serverCa, client, full)).connectTimeout(Duration.ofSeconds(5)).build();
        return new TestHttp("https://127.0.0.1:" + platform.gatewayPort(), c);
    }

    private static ByteArrayResource bytes(KeyStore ks) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, TestPki.PASSWORD);
            return new ByteArrayResource(out.toByteArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VaultEndpoint endpoint() {
        VaultEndpoint e = VaultEndpoint.create("127.0.0.1", platform.gatewayPort());
        e.setScheme("https");
        return e;
    }

    private static SslConfiguration ssl(Issued client) {
        KeyStoreConfiguration trust = KeyStoreConfiguration.of(bytes(TestPki.store(null, List.of(serverCa.cert()))), TestPki.PASSWORD, "PKCS12");
        KeyStoreConfiguration key = client == null ? KeyStoreConfiguration.unconfigured()
                : KeyStoreConfiguration.of(bytes(TestPki.store(client, List.of(client.cert()))), TestPki.PASSWORD, "PKCS12");
        return new SslConfiguration(key, trust);
    }

    private static VaultToken springLogin(Issued client, String role) {
        var factory = ClientHttpRequestFactoryFactory.create(new ClientOptions(), ssl(client));
        ClientCertificateAuthenticationOptions.ClientCertificateAuthenticationOptionsBuilder options =
                ClientCertificateAuthenticationOptions.builder().path("cert");
        if (role != null) {
            options.role(role);
        }
        return new ClientCertificateAuthentication(options.build(), VaultClients.createRestTemplate(endpoint(), factory)).login();
    }

    private static TestHttp.Response login(Issued client, Object body) {
        return https(client).send("POST", "/v1/auth/cert/login", body);
    }

    private static void refused(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).asString()).isEqualTo("invalid certificate or no client certificate supplied");
    }

    @Test
    void springVaultLogsInWithItsClientCertificateAndTheTokenCarriesTheEntrysPolicies() {
        VaultToken token = springLogin(app, null);
        VaultTemplate vault = new VaultTemplate(endpoint(), ClientHttpRequestFactoryFactory.create(new ClientOptions(), ssl(null)),
                () -> new TokenAuthentication(token).login());
        assertThat(vault.opsForVersionedKeyValue("secret").get("cert-app/db").getRequiredData()).containsEntry("k", "v");
        assertThatThrownBy(() -> vault.opsForSys().getMounts()).hasMessageContaining("403");

        JsonNode self = https(null).send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", token.getToken()).json().path("data");
        assertThat(self.path("display_name").asString()).isEqualTo("cert-apps");
        assertThat(self.path("meta").path("cert_name").asString()).isEqualTo("apps");
        assertThat(self.path("meta").path("common_name").asString()).isEqualTo("app1");
        assertThat(self.path("meta").path("serial_number").asString()).isEqualTo(app.cert().getSerialNumber().toString());
        assertThat(self.path("meta").path("subject_key_id").asString()).matches("([0-9a-f]{2}:)+[0-9a-f]{2}");
        assertThat(self.path("policies").toString()).isEqualTo("[\"cert-app\",\"default\"]");
        assertThat(self.path("ttl").asLong()).isBetween(590L, 600L);
        assertThat(self.path("path").asString()).isEqualTo("auth/cert/login");

        String entity = self.path("entity_id").asString();
        assertThat(entity).isNotEmpty();
        JsonNode alias = https(null).send("GET", "/v1/identity/entity/id/" + entity, null, "X-Vault-Token", ROOT).json()
                .path("data").path("aliases").get(0);
        assertThat(alias.path("name").asString()).as("the certificate's common name").isEqualTo("app1");
        assertThat(alias.path("mount_type").asString()).isEqualTo("cert");

        VaultToken named = springLogin(app, "apps");
        assertThat(named.getToken()).startsWith("hvs.").isNotEqualTo(token.getToken());
    }

    @Test
    void theListenerAsksForACertificateButDoesNotRequireOne() {
        assertThat(https(null).send("GET", "/v1/sys/health", null).status()).isEqualTo(200);
        refused(login(null, Map.of()));
        assertThat(https(app).send("GET", "/v1/sys/health", null).status()).as("a certificate the listener does not know is fine")
                .isEqualTo(200);
    }

    @Test
    void certificatesFromAnotherCaExpiredOnesAndServerOnlyOnesAreRefused() {
        Issued rogueCa = TestPki.ca("arca-test-client-ca");
        Issued rogue = TestPki.leaf("CN=app1,OU=eng", rogueCa, Duration.ofDays(1), TestPki.all(TestPki.clientAuth(),
                TestPki.sans(new GeneralName(GeneralName.dNSName, "app1.example.com")), TestPki.utf8("1.3.6.1.4.1.99999.1", "prod")));
        refused(login(rogue, Map.of()));
        Issued expired = TestPki.leaf("CN=app1,OU=eng", clientCa, Duration.ofMinutes(30), TestPki.clientAuth());
        refused(login(expired, Map.of()));
        Issued serverOnly = TestPki.leaf("CN=app1,OU=eng", clientCa, Duration.ofDays(1),
                b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
        refused(login(serverOnly, Map.of()));
        assertThatThrownBy(() -> springLogin(rogue, null)).hasMessageContaining("invalid certificate or no client certificate supplied");
        assertThat(login(app, Map.of()).json().path("auth").path("client_token").asString()).startsWith("hvs.");
    }

    @Test
    void anIntermediateThePeerSendsChainsItsLeafToTheTrustedRoot() {
        Issued inter = TestPki.ca("arca-test-intermediate", clientCa);
        Issued leaf = TestPki.leaf("CN=app-deep,OU=eng", inter, Duration.ofDays(1), TestPki.all(TestPki.clientAuth(),
                TestPki.sans(new GeneralName(GeneralName.dNSName, "deep.example.com"), new GeneralName(GeneralName.rfc822Name, "d@example.com"),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example/deep")),
                TestPki.utf8("1.3.6.1.4.1.99999.1", "prod")));
        refused(login(leaf, Map.of()));
        TestHttp.Response ok = https(leaf, leaf.cert(), inter.cert()).send("POST", "/v1/auth/cert/login", Map.of("name", "apps"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("auth").path("metadata").path("common_name").asString()).isEqualTo("app-deep");
    }

    @Test
    void everyConstraintAndTheNamedEntryDecide() {
        write("strict-dns", Map.of("certificate", clientCa.pem(), "allowed_dns_sans", "*.other.com"));
        write("strict-cn", Map.of("certificate", clientCa.pem(), "allowed_common_names", "web*"));
        write("strict-ou", Map.of("certificate", clientCa.pem(), "allowed_organizational_units", "ops"));
        write("strict-email", Map.of("certificate", clientCa.pem(), "allowed_email_sans", "*@other.com"));
        write("strict-uri", Map.of("certificate", clientCa.pem(), "allowed_uri_sans", "spiffe://other/*"));
        write("strict-ext", Map.of("certificate", clientCa.pem(), "required_extensions", "1.3.6.1.4.1.99999.1:dev"));
        write("hex-ext", Map.of("certificate", clientCa.pem(), "required_extensions", "hex:1.3.6.1.4.1.99999.1:0c0470726f64"));
        for (String name : List.of("strict-dns", "strict-cn", "strict-ou", "strict-email", "strict-uri", "strict-ext")) {
            refused(login(app, Map.of("name", name)));
        }
        assertThat(login(app, Map.of("name", "hex-ext")).status()).isEqualTo(200);
        refused(login(app, Map.of("name", "no-such-entry")));

        write("pinned", Map.of("certificate", pinned.pem(), "display_name", "pin"));
        TestHttp.Response pin = login(pinned, Map.of("name", "pinned"));
        assertThat(pin.status()).as(pin.body()).isEqualTo(200);
        assertThat(pin.json().path("auth").path("metadata").path("cert_name").asString()).isEqualTo("pinned");
        refused(login(app, Map.of("name", "pinned")));
        Issued lookalike = TestPki.leaf("CN=pinned", null, Duration.ofDays(1), TestPki.clientAuth());
        refused(login(lookalike, Map.of("name", "pinned")));
    }

    @Test
    void entriesAreManagedWithAToken() {
        JsonNode read = https(null).send("GET", "/v1/auth/cert/certs/apps", null, "X-Vault-Token", ROOT).json().path("data");
        assertThat(read.path("certificate").asString()).isEqualTo(clientCa.pem());
        assertThat(read.path("allowed_common_names").toString()).isEqualTo("[\"app*\"]");
        assertThat(read.path("token_policies").toString()).isEqualTo("[\"cert-app\"]");
        assertThat(read.path("token_ttl").asLong()).isEqualTo(600);
        assertThat(https(null).send("GET", "/v1/auth/cert/certs/apps", null).status()).isEqualTo(403);
        assertThat(https(null).send("LIST", "/v1/auth/cert/certs", null, "X-Vault-Token", ROOT).json().path("data").path("keys").toString())
                .contains("\"apps\"");
        TestHttp.Response bad = https(null).send("POST", "/v1/auth/cert/certs/bad", Map.of("certificate", "not a pem"), "X-Vault-Token", ROOT);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).asString()).isEqualTo("failed to parse certificate");
        assertThat(https(null).send("POST", "/v1/auth/cert/certs/bad", Map.of("token_ttl", "1h"), "X-Vault-Token", ROOT).status())
                .isEqualTo(400);
        assertThat(https(null).send("POST", "/v1/auth/cert/certs/bad", Map.of("certificate", clientCa.pem(), "token_num_uses", -1),
                "X-Vault-Token", ROOT).status()).isEqualTo(400);
        write("gone", Map.of("certificate", clientCa.pem()));
        assertThat(https(null).send("DELETE", "/v1/auth/cert/certs/gone", null, "X-Vault-Token", ROOT).status()).isEqualTo(204);
        assertThat(https(null).send("GET", "/v1/auth/cert/certs/gone", null, "X-Vault-Token", ROOT).status()).isEqualTo(404);
    }
}
