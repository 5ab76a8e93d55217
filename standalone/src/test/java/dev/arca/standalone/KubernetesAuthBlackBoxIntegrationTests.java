package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import dev.arca.standalone.FakeKubernetes.Account;
import dev.arca.test.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.vault.authentication.KubernetesAuthentication;
import org.springframework.vault.authentication.KubernetesAuthenticationOptions;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/**
 * The kubernetes auth method as a new user sets it up: a fake API server over HTTPS answering
 * TokenReviews, a role for service account {@code app} in namespace {@code prod}, logins over plain
 * HTTP and through spring-vault-core's KubernetesAuthentication whose tokens then read KV, every kind
 * of bad login refused, local verification with {@code pem_keys}, glob bindings and a namespace label
 * selector.
 */
@Timeout(120)
class KubernetesAuthBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final String ISSUER_AUDIENCE = "vault://prod/vault-issuer";
    private static FakeKubernetes cluster;
    private static String reviewerJwt;
    private static final Account APP = Account.of("prod", "app");

    @BeforeAll
    static void setUp() {
        cluster = new FakeKubernetes(Map.of("team-blue", Map.of("vault-access", "granted", "tier", "gold"),
                "team-grey", Map.of("tier", "gold")));
        reviewerJwt = cluster.projected(Account.of("kube-system", "vault-reviewer"), Duration.ofHours(1), "https://kubernetes.default.svc");
        ok(DevPlatform.api("POST", "sys/auth/kubernetes", Map.of("type", "kubernetes"), ROOT));
        ok(DevPlatform.api("PUT", "sys/policies/acl/k8s-app", Map.of("policy",
                "path \"secret/data/k8s-app/*\" { capabilities = [\"read\"] }"), ROOT));
        ok(DevPlatform.api("POST", "secret/data/k8s-app/db", Map.of("data", Map.of("password", "s3cr3t")), ROOT));
        ok(DevPlatform.api("POST", "auth/kubernetes/config", Map.of("kubernetes_host", cluster.host(),
                "kubernetes_ca_cert", cluster.caPem(), "token_reviewer_jwt", reviewerJwt), ROOT));
        ok(DevPlatform.api("POST", "auth/kubernetes/role/app", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespaces", "prod", "token_policies", "k8s-app", "token_ttl", "10m"), ROOT));
    }

    @AfterAll
    static void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
        return r;
    }

    private static TestHttp.Response login(String mount, String role, String jwt) {
        return DevPlatform.api("POST", "auth/" + mount + "/login", Map.of("role", role, "jwt", jwt), null);
    }

    private static void denied(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().path("errors").get(0).asString()).contains("permission denied");
        assertThat(r.body()).doesNotContain("eyJ");
    }

    private static String tokenOf(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("auth").path("client_token").asString();
    }

    @Test
    void theSeedFlowLogsInOverHttpAndTheTokensPoliciesReadKv() {
        String jwt = cluster.projected(APP, Duration.ofMinutes(10), "https://kubernetes.default.svc");
        TestHttp.Response r = login("kubernetes", "app", jwt);
        String token = tokenOf(r);
        JsonNode auth = r.json().path("auth");
        assertThat(auth.path("policies").toString()).isEqualTo("[\"default\",\"k8s-app\"]");
        assertThat(auth.path("lease_duration").asLong()).isEqualTo(600);
        assertThat(auth.path("metadata").path("service_account_name").asString()).isEqualTo("app");
        assertThat(auth.path("metadata").path("service_account_namespace").asString()).isEqualTo("prod");
        assertThat(auth.path("metadata").path("service_account_uid").asString()).isEqualTo(APP.uid());
        assertThat(auth.path("metadata").path("service_account_secret_name").asString()).isEmpty();
        assertThat(auth.path("metadata").path("role").asString()).isEqualTo("app");
        assertThat(cluster.reviewedTokens().getLast()).isEqualTo(jwt);
        assertThat(cluster.reviewBearers().getLast()).as("the reviewer JWT authenticates the review").isEqualTo(reviewerJwt);

        assertThat(DevPlatform.api("GET", "secret/data/k8s-app/db", null, token).json().path("data").path("data").path("password").asString())
                .isEqualTo("s3cr3t");
        assertThat(DevPlatform.api("GET", "sys/mounts", null, token).status()).isEqualTo(403);

        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token).json().path("data");
        assertThat(self.path("display_name").asString()).isEqualTo("kubernetes-prod-app");
        assertThat(self.path("path").asString()).isEqualTo("auth/kubernetes/login");
        JsonNode alias = DevPlatform.api("GET", "identity/entity/id/" + self.path("entity_id").asString(), null, ROOT).json()
                .path("data").path("aliases").get(0);
        assertThat(alias.path("name").asString()).as("alias_name_source defaults to the uid").isEqualTo(APP.uid());
        assertThat(alias.path("mount_type").asString()).isEqualTo("kubernetes");
        assertThat(alias.path("metadata").path("service_account_name").asString()).isEqualTo("app");

        String again = tokenOf(login("kubernetes", "app", jwt));
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, again).json().path("data").path("entity_id").asString())
                .as("the alias made at the first login is found at the next").isEqualTo(self.path("entity_id").asString());
    }

    @Test
    void springVaultsKubernetesAuthenticationLogsIn() {
        String jwt = cluster.projected(APP, Duration.ofMinutes(10), "https://kubernetes.default.svc");
        VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", DevPlatform.get().gatewayPort());
        endpoint.setScheme("http");
        KubernetesAuthenticationOptions options = KubernetesAuthenticationOptions.builder().role("app").jwtSupplier(() -> jwt).build();
        VaultToken token = new KubernetesAuthentication(options, VaultClients.createRestTemplate(endpoint,
                new org.springframework.http.client.SimpleClientHttpRequestFactory())).login();
        VaultTemplate vault = DevPlatform.vault(token.getToken());
        assertThat(vault.opsForVersionedKeyValue("secret").get("k8s-app/db").getRequiredData()).containsEntry("password", "s3cr3t");

        String foreign = cluster.projected(Account.of("dev", "app"), Duration.ofMinutes(10), "https://kubernetes.default.svc");
        KubernetesAuthenticationOptions bad = KubernetesAuthenticationOptions.builder().role("app").jwtSupplier(() -> foreign).build();
        assertThatThrownBy(() -> new KubernetesAuthentication(bad, VaultClients.createRestTemplate(endpoint,
                new org.springframework.http.client.SimpleClientHttpRequestFactory())).login()).hasMessageContaining("permission denied");
    }

    @Test
    void badLoginsAreRefusedWithOneAnswer() {
        denied(login("kubernetes", "app", cluster.projected(Account.of("dev", "app"), Duration.ofMinutes(10), "x")));
        denied(login("kubernetes", "app", cluster.projected(Account.of("prod", "web"), Duration.ofMinutes(10), "x")));
        denied(login("kubernetes", "app", cluster.projected(APP, Duration.ofMinutes(-10), "x")));
        KeyPair rogue = FakeKubernetes.keys("RSA");
        int reviews = cluster.reviewedTokens().size();
        denied(login("kubernetes", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(10), FakeKubernetes.rsaSigner(rogue),
                JWSAlgorithm.RS256, FakeKubernetes.ISSUER, "x")));
        assertThat(cluster.reviewedTokens()).as("the API server judged the signature").hasSize(reviews + 1);
        denied(login("kubernetes", "app", "not-a-jwt"));

        TestHttp.Response unknown = login("kubernetes", "nope", cluster.projected(APP, Duration.ofMinutes(10), "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).asString()).isEqualTo("invalid role name \"nope\"");
        TestHttp.Response missing = DevPlatform.api("POST", "auth/kubernetes/login", Map.of("role", "app"), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).asString()).isEqualTo("missing jwt");
        assertThat(DevPlatform.api("POST", "auth/kubernetes/login", Map.of("jwt", "x"), null).json().path("errors").get(0).asString())
                .isEqualTo("missing role");
    }

    @Test
    void audiencesAreCheckedAsCertManagerAndExternalSecretsSendThem() {
        ok(DevPlatform.api("POST", "auth/kubernetes/role/vault-issuer", Map.of("bound_service_account_names", "vault-issuer",
                "bound_service_account_namespaces", "prod", "audience", ISSUER_AUDIENCE), ROOT));
        Account issuer = Account.of("prod", "vault-issuer");
        // cert-manager's token request: the issuer's audience beside the server's own URL
        String certManager = cluster.projected(issuer, Duration.ofMinutes(10), ISSUER_AUDIENCE, "https://arca.example.com:8200");
        assertThat(tokenOf(login("kubernetes", "vault-issuer", certManager))).startsWith("hvs.");
        denied(login("kubernetes", "vault-issuer", cluster.projected(issuer, Duration.ofMinutes(10), "vault://dev/vault-issuer")));
        denied(login("kubernetes", "vault-issuer", cluster.projected(issuer, Duration.ofMinutes(10))));

        // External Secrets Operator's serviceAccountRef with audiences: ["vault"]
        ok(DevPlatform.api("POST", "auth/kubernetes/role/eso", Map.of("bound_service_account_names", "external-secrets",
                "bound_service_account_namespaces", "*", "audience", "vault", "token_policies", "k8s-app"), ROOT));
        String eso = cluster.projected(Account.of("external-secrets", "external-secrets"), Duration.ofMinutes(10), "vault");
        assertThat(tokenOf(login("kubernetes", "eso", eso))).startsWith("hvs.");
    }

    @Test
    void globBindingsAndTheNamespaceSelector() {
        ok(DevPlatform.api("POST", "auth/kubernetes/role/teams", Map.of("bound_service_account_names", "app-*,worker",
                "bound_service_account_namespaces", "team-*"), ROOT));
        assertThat(tokenOf(login("kubernetes", "teams", cluster.projected(Account.of("team-red", "app-web"), Duration.ofMinutes(5), "x"))))
                .startsWith("hvs.");
        assertThat(tokenOf(login("kubernetes", "teams", cluster.projected(Account.of("team-red", "worker"), Duration.ofMinutes(5), "x"))))
                .startsWith("hvs.");
        denied(login("kubernetes", "teams", cluster.projected(Account.of("team-red", "web"), Duration.ofMinutes(5), "x")));
        denied(login("kubernetes", "teams", cluster.projected(Account.of("prod", "app-web"), Duration.ofMinutes(5), "x")));

        ok(DevPlatform.api("POST", "auth/kubernetes/role/labelled", Map.of("bound_service_account_names", "*",
                "bound_service_account_namespace_selector", "{\"matchLabels\":{\"vault-access\":\"granted\"},"
                        + "\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"gold\",\"silver\"]}]}"), ROOT));
        assertThat(DevPlatform.api("GET", "auth/kubernetes/role/labelled", null, ROOT).json().path("data")
                .path("bound_service_account_namespaces").size()).isZero();
        assertThat(tokenOf(login("kubernetes", "labelled", cluster.projected(Account.of("team-blue", "any"), Duration.ofMinutes(5), "x"))))
                .startsWith("hvs.");
        denied(login("kubernetes", "labelled", cluster.projected(Account.of("team-grey", "any"), Duration.ofMinutes(5), "x")));
        denied(login("kubernetes", "labelled", cluster.projected(Account.of("team-none", "any"), Duration.ofMinutes(5), "x")));
    }

    @Test
    void pemKeysVerifyTokensLocallyWithoutTheApiServer() throws IOException {
        KeyPair rsa = FakeKubernetes.keys("RSA");
        KeyPair ec = FakeKubernetes.keys("EC");
        int unused;
        try (ServerSocket s = new ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        ok(DevPlatform.api("POST", "sys/auth/k8s-local", Map.of("type", "kubernetes"), ROOT));
        ok(DevPlatform.api("POST", "auth/k8s-local/config", Map.of("kubernetes_host", "https://127.0.0.1:" + unused,
                "pem_keys", List.of(FakeKubernetes.publicPem(rsa.getPublic()), FakeKubernetes.publicPem(ec.getPublic()))), ROOT));
        ok(DevPlatform.api("POST", "auth/k8s-local/role/app", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespaces", "prod", "token_policies", "k8s-app", "alias_name_source", "serviceaccount_name"), ROOT));

        TestHttp.Response rs256 = login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(5), FakeKubernetes.rsaSigner(rsa),
                JWSAlgorithm.RS256, FakeKubernetes.ISSUER, "x"));
        String token = tokenOf(rs256);
        assertThat(DevPlatform.api("GET", "secret/data/k8s-app/db", null, token).status()).isEqualTo(200);
        String entity = rs256.json().path("auth").path("entity_id").asString();
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT).json().path("data").path("aliases").get(0)
                .path("name").asString()).as("alias_name_source serviceaccount_name").isEqualTo("prod/app");

        assertThat(tokenOf(login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(5), FakeKubernetes.ecSigner(ec),
                JWSAlgorithm.ES256, FakeKubernetes.ISSUER, "x")))).startsWith("hvs.");
        TestHttp.Response legacy = login("k8s-local", "app", FakeKubernetes.legacy(APP, "app-token-x7k2p", FakeKubernetes.rsaSigner(rsa),
                JWSAlgorithm.RS256));
        tokenOf(legacy);
        assertThat(legacy.json().path("auth").path("metadata").path("service_account_secret_name").asString()).isEqualTo("app-token-x7k2p");

        denied(login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(5), FakeKubernetes.rsaSigner(FakeKubernetes.keys("RSA")),
                JWSAlgorithm.RS256, FakeKubernetes.ISSUER, "x")));
        denied(login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(-5), FakeKubernetes.rsaSigner(rsa),
                JWSAlgorithm.RS256, FakeKubernetes.ISSUER, "x")));
        denied(login("k8s-local", "app", FakeKubernetes.projected(Account.of("dev", "app"), Duration.ofMinutes(5), FakeKubernetes.ecSigner(ec),
                JWSAlgorithm.ES256, FakeKubernetes.ISSUER, "x")));

        // issuer validation on: only the configured issuer logs in
        ok(DevPlatform.api("POST", "auth/k8s-local/config", Map.of("kubernetes_host", "https://127.0.0.1:" + unused,
                "pem_keys", FakeKubernetes.publicPem(rsa.getPublic()), "disable_iss_validation", false, "issuer", FakeKubernetes.ISSUER), ROOT));
        assertThat(tokenOf(login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(5), FakeKubernetes.rsaSigner(rsa),
                JWSAlgorithm.RS256, FakeKubernetes.ISSUER, "x")))).startsWith("hvs.");
        denied(login("k8s-local", "app", FakeKubernetes.projected(APP, Duration.ofMinutes(5), FakeKubernetes.rsaSigner(rsa),
                JWSAlgorithm.RS256, "https://other.example", "x")));
        ok(DevPlatform.api("DELETE", "sys/auth/k8s-local", null, ROOT));
    }

    @Test
    void withoutAReviewerJwtTheCallersOwnTokenAuthenticatesTheReviewAndADownServerIsRefusedQuickly() throws IOException {
        ok(DevPlatform.api("POST", "sys/auth/k8s-self", Map.of("type", "kubernetes"), ROOT));
        ok(DevPlatform.api("POST", "auth/k8s-self/config", Map.of("kubernetes_host", cluster.host(), "kubernetes_ca_cert", cluster.caPem()), ROOT));
        ok(DevPlatform.api("POST", "auth/k8s-self/role/app", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespaces", "prod"), ROOT));
        String jwt = cluster.projected(APP, Duration.ofMinutes(5), "x");
        tokenOf(login("k8s-self", "app", jwt));
        assertThat(cluster.reviewBearers().getLast()).isEqualTo(jwt);

        // a CA that did not sign the server's certificate: the TLS handshake fails, the login is refused
        ok(DevPlatform.api("POST", "auth/k8s-self/config", Map.of("kubernetes_host", cluster.host(),
                "kubernetes_ca_cert", TestPki.ca("arca-test-other-ca").pem()), ROOT));
        denied(login("k8s-self", "app", jwt));

        int unused;
        try (ServerSocket s = new ServerSocket(0)) {
            unused = s.getLocalPort();
        }
        ok(DevPlatform.api("POST", "auth/k8s-self/config", Map.of("kubernetes_host", "https://127.0.0.1:" + unused), ROOT));
        long start = System.nanoTime();
        denied(login("k8s-self", "app", jwt));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused, not hung").isLessThan(Duration.ofSeconds(20));
        ok(DevPlatform.api("DELETE", "sys/auth/k8s-self", null, ROOT));
    }

    @Test
    void configAndRolesReadBackAsVaultShowsThemAndBadInputIsA400() {
        JsonNode config = DevPlatform.api("GET", "auth/kubernetes/config", null, ROOT).json().path("data");
        assertThat(config.path("kubernetes_host").asString()).isEqualTo(cluster.host());
        assertThat(config.path("token_reviewer_jwt_set").asBoolean()).isTrue();
        assertThat(config.has("token_reviewer_jwt")).isFalse();
        assertThat(config.toString()).doesNotContain(reviewerJwt);
        assertThat(config.path("disable_iss_validation").asBoolean()).isTrue();
        assertThat(config.path("disable_local_ca_jwt").asBoolean()).isFalse();
        var db = DevPlatform.database();
        int sealed = 0;
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT encode(token_reviewer_jwt, 'escape'), settings::text FROM identity.kubernetes_config")) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    sealed++;
                    assertThat(rs.getString(1)).as("the reviewer JWT is stored behind the barrier").doesNotContain(reviewerJwt.split("\\.")[1]);
                }
                assertThat(rs.getString(2)).doesNotContain(reviewerJwt.split("\\.")[1]);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(sealed).isPositive();

        JsonNode role = DevPlatform.api("GET", "auth/kubernetes/role/app", null, ROOT).json().path("data");
        assertThat(role.path("bound_service_account_names").toString()).isEqualTo("[\"app\"]");
        assertThat(role.path("alias_name_source").asString()).isEqualTo("serviceaccount_uid");
        assertThat(role.path("token_policies").toString()).isEqualTo("[\"k8s-app\"]");
        assertThat(role.path("token_ttl").asLong()).isEqualTo(600);
        assertThat(DevPlatform.api("LIST", "auth/kubernetes/role", null, ROOT).json().path("data").path("keys").toString()).contains("\"app\"");

        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("bound_service_account_names", "app");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", bad, ROOT),
                "\"bound_service_account_namespaces\" can not be empty if \"bound_service_account_namespace_selector\" is not set");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", Map.of("bound_service_account_namespaces", "prod"), ROOT),
                "\"bound_service_account_names\" can not be empty");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", Map.of("bound_service_account_names", "*,app",
                "bound_service_account_namespaces", "prod"), ROOT), "can not mix \"*\" with values in \"bound_service_account_names\"");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespace_selector", "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Near\"}]}"), ROOT),
                "invalid \"bound_service_account_namespace_selector\": not a valid label selector");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespaces", "prod", "alias_name_source", "pod"), ROOT), "invalid alias_name_source \"pod\"");
        error(DevPlatform.api("POST", "auth/kubernetes/role/bad", Map.of("bound_service_account_names", "app",
                "bound_service_account_namespaces", "prod", "token_num_uses", -1), ROOT), null);
        assertThat(DevPlatform.api("GET", "auth/kubernetes/role/bad", null, ROOT).status()).isEqualTo(404);

        ok(DevPlatform.api("POST", "sys/auth/k8s-conf", Map.of("type", "kubernetes"), ROOT));
        error(DevPlatform.api("POST", "auth/k8s-conf/config", Map.of("kubernetes_ca_cert", cluster.caPem()), ROOT), "no host provided");
        error(DevPlatform.api("POST", "auth/k8s-conf/config", Map.of("kubernetes_host", "https://k8s", "pem_keys", "nonsense"), ROOT),
                "data does not contain any valid RSA or ECDSA public keys");
        error(DevPlatform.api("POST", "auth/k8s-conf/config", Map.of("kubernetes_host", "https://k8s", "kubernetes_ca_cert", "nonsense"), ROOT),
                null);
        error(DevPlatform.api("POST", "auth/k8s-conf/config", Map.of("kubernetes_host", "https://k8s", "token_reviewer_jwt", "secret-ish"), ROOT),
                "token_reviewer_jwt is not a JWT");
        assertThat(DevPlatform.api("GET", "auth/k8s-conf/config", null, ROOT).status()).isEqualTo(404);
        ok(DevPlatform.api("POST", "auth/k8s-conf/config", Map.of("kubernetes_host", "kubernetes.default.svc:443"), ROOT));
        assertThat(DevPlatform.api("GET", "auth/k8s-conf/config", null, ROOT).json().path("data").path("kubernetes_host").asString())
                .as("a bare host:port is the API server over HTTPS").isEqualTo("https://kubernetes.default.svc:443");
        TestHttp.Response unknownRole = login("k8s-conf", "app", "x");
        assertThat(unknownRole.status()).isEqualTo(400);
        ok(DevPlatform.api("DELETE", "sys/auth/k8s-conf", null, ROOT));
    }

    private static void error(TestHttp.Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        if (message != null) {
            assertThat(r.json().path("errors").get(0).asString()).isEqualTo(message);
        }
        assertThat(r.body()).doesNotContain("secret-ish");
    }
}
