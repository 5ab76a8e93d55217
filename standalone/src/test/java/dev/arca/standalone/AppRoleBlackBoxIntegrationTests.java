package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/** The AppRole auth method as applications use it: spring-vault-core's AppRoleAuthentication (pull and provided), and HTTP. */
class AppRoleBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final TestHttp HTTP = DevPlatform.http();


    @BeforeAll
    static void mount() {
        assertThat(DevPlatform.api("POST", "sys/auth/ar-bb", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/ar-bb", Map.of("policy", "path \"secret/data/ar-bb/*\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(204);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("ar-bb/app", Map.of("k", "v"));
        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/web", Map.of("token_policies", List.of("ar-bb"), "token_ttl", "20m",
                "secret_id_ttl", "10m"), ROOT).status()).isEqualTo(204);
    }

    @Test
    void pullModeReadsTheRoleIdAndGeneratesASecretIdThenLogsIn() {
        AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder().path("ar-bb").appRole("web")
                .roleId(RoleId.pull(VaultToken.of(ROOT))).secretId(SecretId.pull(VaultToken.of(ROOT))).build();
        VaultToken token = new AppRoleAuthentication(options, DevPlatform.loginClient()).login();

        assertThat(DevPlatform.vault(token.getToken()).opsForVersionedKeyValue("secret").get("ar-bb/app").getRequiredData())
                .containsEntry("k", "v");
        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data");
        assertThat(self.path("meta").path("role_name").asString()).isEqualTo("web");
        assertThat(self.path("policies").toString()).isEqualTo("[\"ar-bb\",\"default\"]");
        assertThat(self.path("ttl").asLong()).isBetween(1190L, 1200L);
    }

    @Test
    void providedIdsLogInAndASecretIdWithOneUseWorksOnce() {
        String roleId = DevPlatform.api("GET", "auth/ar-bb/role/web/role-id", null, ROOT).json().path("data").path("role_id").asString();
        JsonNode gen = DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id", Map.of("num_uses", 1, "metadata", Map.of("app", "billing")), ROOT)
                .json().path("data");
        String secretId = gen.path("secret_id").asString();
        assertThat(gen.path("secret_id_ttl").asLong()).as("capped by the role").isEqualTo(600);

        AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder().path("ar-bb")
                .roleId(RoleId.provided(roleId)).secretId(SecretId.provided(secretId)).build();
        VaultToken token = new AppRoleAuthentication(options, DevPlatform.loginClient()).login();
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data").path("meta").path("app").asString())
                .isEqualTo("billing");

        TestHttp.Response again = DevPlatform.api("POST", "auth/ar-bb/login", Map.of("role_id", roleId, "secret_id", secretId), null);
        assertThat(again.status()).as("used up").isEqualTo(400);
        assertThat(again.json().path("errors").get(0).asString()).isEqualTo("invalid role or secret ID");
    }

    @Test
    void concurrentLoginsSpendEachUseOnceAndUnlimitedSecretIdsServeThemAll() throws Exception {
        String roleId = DevPlatform.api("GET", "auth/ar-bb/role/web/role-id", null, ROOT).json().path("data").path("role_id").asString();
        String limited = DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id", Map.of("num_uses", 5), ROOT).json().path("data")
                .path("secret_id").asString();
        String unlimited = DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id", Map.of(), ROOT).json().path("data")
                .path("secret_id").asString();
        assertThat(concurrentLogins(roleId, limited, 24)).as("five uses, twenty-four logins at once").isEqualTo(5);
        assertThat(concurrentLogins(roleId, unlimited, 24)).isEqualTo(24);
    }

    /** How many of {@code n} simultaneous logins with the ids succeed. */
    private static long concurrentLogins(String roleId, String secretId, int n) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return DevPlatform.api("POST", "auth/ar-bb/login", Map.of("role_id", roleId, "secret_id", secretId), null).status();
                }));
            }
            start.countDown();
            long ok = 0;
            for (Future<Integer> f : statuses) {
                int status = f.get(60, TimeUnit.SECONDS);
                assertThat(status).as("a login either succeeds or is refused as any failed login").isIn(200, 400);
                ok += status == 200 ? 1 : 0;
            }
            return ok;
        }
    }

    @Test
    void everyFailedLoginAnswersTheSameAndSecretIdsCanBeLookedUpAndDestroyed() {
        String roleId = DevPlatform.api("GET", "auth/ar-bb/role/web/role-id", null, ROOT).json().path("data").path("role_id").asString();
        JsonNode gen = DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id", Map.of(), ROOT).json().path("data");
        String secretId = gen.path("secret_id").asString();
        String accessor = gen.path("secret_id_accessor").asString();
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("role_id", "nope", "secret_id", secretId),
                Map.<String, Object>of("role_id", roleId, "secret_id", "nope"), Map.<String, Object>of("role_id", roleId))) {
            TestHttp.Response r = DevPlatform.api("POST", "auth/ar-bb/login", bad, null);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).asString()).isEqualTo("invalid role or secret ID");
        }

        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id/lookup", Map.of("secret_id", secretId), ROOT).json().path("data")
                .path("secret_id_accessor").asString()).isEqualTo(accessor);
        assertThat(DevPlatform.api("LIST", "auth/ar-bb/role/web/secret-id", null, ROOT).json().path("data").path("keys").toString()).contains(accessor);
        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id-accessor/destroy", Map.of("secret_id_accessor", accessor), ROOT).status())
                .isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/ar-bb/login", Map.of("role_id", roleId, "secret_id", secretId), null).status()).isEqualTo(400);

        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/web/custom-secret-id", Map.of("secret_id", "my-own-secret"), ROOT).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "auth/ar-bb/login", Map.of("role_id", roleId, "secret_id", "my-own-secret"), null).json().path("auth")
                .path("client_token").asString()).startsWith("hvs.");
        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/web/custom-secret-id", Map.of("secret_id", "my-own-secret"), ROOT).status())
                .as("a secret id once").isEqualTo(400);
    }

    @Test
    void secretIdsAreStoredOnlyAsHashesAndRolesAreValidated() {
        String secretId = DevPlatform.api("POST", "auth/ar-bb/role/web/secret-id", Map.of(), ROOT).json().path("data").path("secret_id").asString();
        var db = DevPlatform.database();
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
             var st = c.createStatement();
             var rs = st.executeQuery("SELECT encode(id_hash, 'escape') || accessor || coalesce(encode(metadata, 'hex'), '') "
                     + "FROM identity.approle_secret_ids")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain(secretId);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/bad", Map.of("secret_id_num_uses", -1), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/ar-bb/role/bad", Map.of("bind_secret_id", false), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("GET", "auth/ar-bb/role/web", null, null).status()).isEqualTo(403);
        assertThat(DevPlatform.api("GET", "auth/ar-bb/role/web", null, ROOT).json().path("data").path("secret_id_ttl").asLong()).isEqualTo(600);
    }
}
