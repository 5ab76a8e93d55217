package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.CubbyholeAuthentication;
import org.springframework.vault.authentication.CubbyholeAuthenticationOptions;
import org.springframework.vault.core.VaultWrappingOperations;
import org.springframework.vault.support.VaultToken;
import org.springframework.vault.support.WrappedMetadata;
import tools.jackson.databind.JsonNode;

/**
 * Response wrapping: {@code X-Vault-Wrap-TTL} on any call, {@code sys/wrapping/*}, a wrapping token that
 * works once (also under concurrent unwraps), policies' wrapping limits, and spring-vault-core's wrapped
 * AppRole secret ids and wrapped cubbyhole tokens.
 */
class ResponseWrappingBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final String INVALID = "wrapping token is not valid or does not exist";

    @BeforeAll
    static void setUp() {
        DevPlatform.root().opsForVersionedKeyValue("secret").put("wrap-bb/app", Map.of("password", "s3cret"));
    }

    private static TestHttp.Response wrapped(String method, String path, Object body, String token, String ttl) {
        return DevPlatform.http().send(method, "/v1/" + path, body, "X-Vault-Token", token, "X-Vault-Wrap-TTL", ttl);
    }

    private static String token(String... policies) {
        return DevPlatform.api("POST", "auth/token/create", Map.of("policies", List.of(policies)), ROOT).json()
                .path("auth").path("client_token").asString();
    }

    @Test
    void wrappedDataIsLookedUpWithoutATokenAndUnwrapsExactlyOnce() {
        TestHttp.Response w = wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "5m");
        assertThat(w.status()).isEqualTo(200);
        JsonNode info = w.json().path("wrap_info");
        assertThat(w.json().path("data").isNull()).isTrue();
        assertThat(info.path("ttl").asLong()).isEqualTo(300);
        assertThat(info.path("creation_path").asString()).isEqualTo("sys/wrapping/wrap");
        assertThat(info.path("token").asString()).startsWith("hvs.");
        assertThat(info.path("accessor").asString()).isNotEmpty();
        assertThat(info.path("creation_time").asString()).isNotEmpty();
        assertThat(info.has("wrapped_accessor")).as("nothing with a token was wrapped").isFalse();
        String wrapping = info.path("token").asString();

        JsonNode lookup = DevPlatform.api("POST", "sys/wrapping/lookup", Map.of("token", wrapping), null).json().path("data");
        assertThat(lookup.path("creation_path").asString()).isEqualTo("sys/wrapping/wrap");
        assertThat(lookup.path("creation_ttl").asLong()).isEqualTo(300);
        assertThat(lookup.path("creation_time").asString()).isEqualTo(info.path("creation_time").asString());

        assertThat(DevPlatform.api("GET", "secret/data/wrap-bb/app", null, wrapping).status()).as("a wrapping token only unwraps")
                .isEqualTo(403);
        wrapping = wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "300").json().path("wrap_info").path("token").asString();
        TestHttp.Response unwrapped = DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrapping);
        assertThat(unwrapped.status()).isEqualTo(200);
        assertThat(unwrapped.json().path("data").path("k").asString()).isEqualTo("v");
        assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrapping).status()).isEqualTo(403);
        TestHttp.Response again = DevPlatform.api("POST", "sys/wrapping/unwrap", Map.of("token", wrapping), token("default"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("errors").get(0).asString()).isEqualTo(INVALID);
        assertThat(DevPlatform.api("POST", "sys/wrapping/lookup", Map.of("token", wrapping), null).status()).isEqualTo(400);
    }

    @Test
    void wrapNeedsTheHeaderAndTheTtlIsRangeChecked() {
        TestHttp.Response none = DevPlatform.api("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("errors").get(0).asString()).isEqualTo("endpoint requires response wrapping to be used");
        assertThat(wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "-1").status()).isEqualTo(400);
        assertThat(wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "100000h").status()).isEqualTo(400);
        assertThat(wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "soon").status()).isEqualTo(400);
        assertThat(wrapped("POST", "sys/wrapping/wrap", Map.of(), ROOT, "1m").status()).isEqualTo(400);
    }

    @Test
    void anyCallIsWrappedAndAThirdPartyUnwrapsIt() {
        TestHttp.Response read = wrapped("GET", "secret/data/wrap-bb/app", null, ROOT, "2m");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("s3cret");
        String wrapping = read.json().path("wrap_info").path("token").asString();
        assertThat(read.json().path("wrap_info").path("creation_path").asString()).isEqualTo("secret/data/wrap-bb/app");

        JsonNode got = DevPlatform.api("POST", "sys/wrapping/unwrap", Map.of("token", wrapping), token("default")).json();
        assertThat(got.path("data").path("data").path("password").asString()).isEqualTo("s3cret");

        TestHttp.Response created = wrapped("POST", "auth/token/create", Map.of("policies", List.of("default")), ROOT, "1m");
        JsonNode info = created.json().path("wrap_info");
        assertThat(created.json().path("auth").isNull()).isTrue();
        JsonNode auth = DevPlatform.api("POST", "sys/wrapping/unwrap", null, info.path("token").asString()).json().path("auth");
        assertThat(info.path("wrapped_accessor").asString()).isEqualTo(auth.path("accessor").asString());
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, auth.path("client_token").asString()).status()).isEqualTo(200);

        assertThat(wrapped("DELETE", "secret/metadata/wrap-bb/gone", null, ROOT, "1m").status()).as("no body, nothing to wrap")
                .isEqualTo(204);
    }

    @Test
    void concurrentUnwrapsOfOneTokenSucceedExactlyOnce() throws Exception {
        String other = token("default");
        for (int round = 0; round < 5; round++) {
            String wrapping = wrapped("POST", "sys/wrapping/wrap", Map.of("round", round), ROOT, "1m").json().path("wrap_info")
                    .path("token").asString();
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    boolean inBody = i % 2 == 0;
                    results.add(pool.submit(() -> {
                        start.await();
                        return inBody ? DevPlatform.api("POST", "sys/wrapping/unwrap", Map.of("token", wrapping), other).status()
                                : DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrapping).status();
                    }));
                }
                start.countDown();
                int ok = 0;
                for (Future<Integer> f : results) {
                    int status = f.get();
                    assertThat(status).isIn(200, 400, 403);
                    ok += status == 200 ? 1 : 0;
                }
                assertThat(ok).as("round " + round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void rewrapMovesTheResponseToANewTokenWithTheSameTtlAndPath() {
        JsonNode first = wrapped("GET", "secret/data/wrap-bb/app", null, ROOT, "3m").json().path("wrap_info");
        TestHttp.Response re = DevPlatform.api("POST", "sys/wrapping/rewrap", Map.of("token", first.path("token").asString()), ROOT);
        assertThat(re.status()).isEqualTo(200);
        JsonNode second = re.json().path("wrap_info");
        assertThat(second.path("token").asString()).isNotEqualTo(first.path("token").asString());
        assertThat(second.path("ttl").asLong()).isEqualTo(180);
        assertThat(second.path("creation_path").asString()).isEqualTo("secret/data/wrap-bb/app");
        assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", Map.of("token", first.path("token").asString()), ROOT).status())
                .isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", null, second.path("token").asString()).json().path("data").path("data")
                .path("password").asString()).isEqualTo("s3cret");
    }

    @Test
    void theWrappedResponseAlsoSitsInTheWrappingTokensCubbyholeAsVaultKeepsIt() {
        String wrapping = wrapped("POST", "sys/wrapping/wrap", Map.of("k", "v"), ROOT, "1m").json().path("wrap_info").path("token").asString();
        JsonNode kept = DevPlatform.api("GET", "cubbyhole/response", null, wrapping).json().path("data");
        assertThat(TestHttp.JSON.readTree(kept.path("response").asString()).path("data").path("k").asString()).isEqualTo("v");
        assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrapping).status()).as("that read was its one use").isEqualTo(403);
    }

    @Test
    void aPolicysWrappingLimitsRequireAWrappedAnswerWithinThem() {
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/wrap-bb", Map.of("policy", """
                path "secret/data/wrap-bb/*" {
                  capabilities = ["read"]
                  min_wrapping_ttl = "1m"
                  max_wrapping_ttl = "10m"
                }"""), ROOT).status()).isEqualTo(204);
        String t = token("wrap-bb");
        assertThat(DevPlatform.api("GET", "secret/data/wrap-bb/app", null, t).status()).as("unwrapped").isEqualTo(403);
        assertThat(wrapped("GET", "secret/data/wrap-bb/app", null, t, "30s").status()).as("too short").isEqualTo(403);
        assertThat(wrapped("GET", "secret/data/wrap-bb/app", null, t, "20m").status()).as("too long").isEqualTo(403);
        assertThat(wrapped("GET", "secret/data/wrap-bb/app", null, t, "5m").json().path("wrap_info").path("ttl").asLong()).isEqualTo(300);

        TestHttp.Response bad = DevPlatform.api("PUT", "sys/policies/acl/wrap-bb-bad", Map.of("policy",
                "path \"x/*\" { capabilities = [\"read\"]\n min_wrapping_ttl = \"10m\"\n max_wrapping_ttl = \"1m\" }"), ROOT);
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void springVaultWrapsLooksUpAndUnwraps() {
        VaultWrappingOperations ops = DevPlatform.root().opsForWrapping();
        WrappedMetadata meta = ops.wrap(Map.of("user", "alice"), Duration.ofMinutes(2));
        assertThat(meta.getTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(meta.getPath()).isEqualTo("sys/wrapping/wrap");
        assertThat(ops.lookup(meta.getToken()).getTtl()).isEqualTo(Duration.ofMinutes(2));
        WrappedMetadata rewrapped = ops.rewrap(meta.getToken());
        assertThat(ops.read(rewrapped.getToken()).getRequiredData()).containsEntry("user", "alice");
        assertThat(ops.lookup(rewrapped.getToken())).as("used up").isNull();
    }

    @Test
    void appRoleLogsInWithAWrappedSecretIdPulledOrProvided() {
        assertThat(DevPlatform.api("POST", "sys/auth/wrap-ar", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/wrap-ar/role/svc", Map.of("token_policies", List.of("default")), ROOT).status())
                .isEqualTo(204);
        String roleId = DevPlatform.api("GET", "auth/wrap-ar/role/svc/role-id", null, ROOT).json().path("data").path("role_id").asString();

        for (boolean pullRoleId : List.of(true, false)) {
            // the trusted orchestrator: generates a secret id it never sees, wrapped for the application
            JsonNode info = wrapped("POST", "auth/wrap-ar/role/svc/secret-id", Map.of(), ROOT, "1m").json().path("wrap_info");
            VaultToken wrappedSecretId = VaultToken.of(info.path("token").asString());
            AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder().path("wrap-ar").appRole("svc")
                    .roleId(pullRoleId ? RoleId.pull(VaultToken.of(ROOT)) : RoleId.provided(roleId))
                    .secretId(SecretId.wrapped(wrappedSecretId)).build();
            VaultToken token = new AppRoleAuthentication(options, DevPlatform.loginClient()).login();
            assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data").path("meta")
                    .path("role_name").asString()).isEqualTo("svc");
            assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrappedSecretId.getToken()).status())
                    .as("the wrapped secret id was handed over once").isEqualTo(403);
        }
    }

    @Test
    void cubbyholeAuthenticationUnwrapsAWrappedToken() {
        JsonNode info = wrapped("POST", "auth/token/create", Map.of("policies", List.of("default"), "ttl", "1h"), ROOT, "1m").json()
                .path("wrap_info");
        VaultToken got = new CubbyholeAuthentication(CubbyholeAuthenticationOptions.builder()
                .initialToken(VaultToken.of(info.path("token").asString())).wrapped().build(), DevPlatform.loginClient()).login();
        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, got.getToken()).json().path("data");
        assertThat(self.path("accessor").asString()).isEqualTo(info.path("wrapped_accessor").asString());
        assertThat(self.path("ttl").asLong()).isBetween(3590L, 3600L);
    }
}
