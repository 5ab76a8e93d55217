package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.UsernamePasswordAuthentication;
import org.springframework.vault.authentication.UsernamePasswordAuthenticationOptions;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/** Batch tokens: {@code hvb.}, never stored, not renewable or revocable, no children, dead with their parent; from create, roles and logins. */
class BatchTokensBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;

    @BeforeAll
    static void setUp() {
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/batch-bb", Map.of("policy",
                "path \"secret/data/batch-bb/*\" { capabilities = [\"read\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }"),
                ROOT).status()).isEqualTo(204);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("batch-bb/app", Map.of("k", "v"));
    }

    private static TestHttp.Response create(Map<String, Object> body, String token) {
        return DevPlatform.api("POST", "auth/token/create", body, token);
    }

    private static boolean reads(String token) {
        return DevPlatform.api("GET", "secret/data/batch-bb/app", null, token).status() == 200;
    }

    @Test
    void aBatchTokenWorksWithoutBeingStoredAndCannotBeRenewedRevokedOrParent() throws Exception {
        JsonNode auth = create(Map.of("type", "batch", "policies", List.of("batch-bb"), "ttl", "20m", "display_name", "batch-bb-unique"), ROOT)
                .json().path("auth");
        String token = auth.path("client_token").asString();
        assertThat(token).startsWith("hvb.");
        assertThat(auth.path("token_type").asString()).isEqualTo("batch");
        assertThat(auth.path("accessor").asString()).isEmpty();
        assertThat(auth.path("renewable").asBoolean()).isFalse();
        assertThat(auth.path("lease_duration").asLong()).isEqualTo(1200);
        assertThat(reads(token)).isTrue();

        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token).json().path("data");
        assertThat(self.path("type").asString()).isEqualTo("batch");
        assertThat(self.path("policies").toString()).isEqualTo("[\"batch-bb\",\"default\"]");
        assertThat(self.path("ttl").asLong()).isBetween(1190L, 1200L);
        assertThat(DevPlatform.api("POST", "auth/token/lookup", Map.of("token", token), ROOT).json().path("data").path("type").asString())
                .isEqualTo("batch");

        var db = DevPlatform.database();
        try (var c = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
             var st = c.prepareStatement("SELECT count(*) FROM identity.tokens WHERE display_name = 'token-batch-bb-unique'");
             var rs = st.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).as("not persisted").isZero();
        }

        assertThat(DevPlatform.api("POST", "auth/token/renew-self", Map.of(), token).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/renew", Map.of("token", token), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/revoke-self", Map.of(), token).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/revoke", Map.of("token", token), ROOT).status()).isEqualTo(400);
        TestHttp.Response child = create(Map.of("policies", List.of("batch-bb")), token);
        assertThat(child.status()).isEqualTo(400);
        assertThat(child.json().path("errors").get(0).asString()).isEqualTo("batch tokens cannot create child tokens");
        assertThat(DevPlatform.api("POST", "cubbyhole/x", Map.of("a", "b"), token).status()).as("no cubbyhole").isEqualTo(403);
        assertThat(reads(token)).as("still valid").isTrue();
    }

    @Test
    void aForgedOrAlteredBatchTokenIsRefused() {
        String token = create(Map.of("type", "batch", "policies", List.of("batch-bb")), ROOT).json().path("auth").path("client_token").asString();
        char[] chars = token.toCharArray();
        int i = chars.length / 2;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        assertThat(reads(new String(chars))).isFalse();
        assertThat(reads("hvb.notatoken")).isFalse();
        assertThat(reads("hvb." + "A".repeat(20_000))).isFalse();
    }

    @Test
    void aChildBatchTokenDiesWithItsParent() {
        String parent = create(Map.of("policies", List.of("batch-bb")), ROOT).json().path("auth").path("client_token").asString();
        JsonNode child = create(Map.of("type", "batch"), parent).json().path("auth");
        String token = child.path("client_token").asString();
        assertThat(child.path("orphan").asBoolean()).isFalse();
        assertThat(reads(token)).isTrue();
        assertThat(DevPlatform.api("POST", "auth/token/revoke", Map.of("token", parent), ROOT).status()).isEqualTo(204);
        assertThat(reads(token)).isFalse();
        String orphan = create(Map.of("type", "batch", "no_parent", true, "policies", List.of("batch-bb")), ROOT).json().path("auth")
                .path("client_token").asString();
        assertThat(reads(orphan)).isTrue();
    }

    @Test
    void vaultsBatchLimitsAreEnforced() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("type", "batch", "period", "1h"), Map.of("type", "batch", "num_uses", 2),
                Map.of("type", "batch", "explicit_max_ttl", "1h"), Map.of("type", "batch", "policies", List.of("root")),
                Map.of("type", "batch", "id", "hvb.mine"), Map.of("type", "other"))) {
            assertThat(create(bad, ROOT).status()).as(bad.toString()).isEqualTo(400);
        }
    }

    @Test
    void rolesChooseOrDefaultTheType() {
        assertThat(DevPlatform.api("POST", "auth/token/roles/batch-bb-fixed", Map.of("token_type", "batch", "allowed_policies", "batch-bb"), ROOT)
                .status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/token/create/batch-bb-fixed", Map.of(), ROOT).json().path("auth").path("client_token")
                .asString()).startsWith("hvb.");
        assertThat(DevPlatform.api("POST", "auth/token/create/batch-bb-fixed", Map.of("type", "service"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/roles/batch-bb-default", Map.of("token_type", "default-batch"), ROOT).status())
                .isEqualTo(204);
        TestHttp.Response root = DevPlatform.api("POST", "auth/token/create/batch-bb-default", Map.of(), ROOT);
        assertThat(root.json().path("errors").get(0).asString()).as("the root parent's policies").isEqualTo("batch tokens cannot be root tokens");
        assertThat(DevPlatform.api("POST", "auth/token/roles/batch-bb-default", Map.of("allowed_policies", "batch-bb"), ROOT).status())
                .isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/token/create/batch-bb-default", Map.of(), ROOT).json().path("auth").path("token_type")
                .asString()).isEqualTo("batch");
        assertThat(DevPlatform.api("POST", "auth/token/create/batch-bb-default", Map.of("type", "service"), ROOT).json().path("auth")
                .path("client_token").asString()).startsWith("hvs.");
    }

    @Test
    void loginMethodsIssueBatchTokensWhenAsked() {
        assertThat(DevPlatform.api("POST", "sys/auth/batch-up", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/batch-up/users/ann", Map.of("password", "pw-123456", "token_policies", "batch-bb",
                "token_type", "batch"), ROOT).status()).isEqualTo(204);
        VaultToken up = new UsernamePasswordAuthentication(UsernamePasswordAuthenticationOptions.builder().path("batch-up").username("ann")
                .password("pw-123456").build(), DevPlatform.loginClient()).login();
        assertThat(up.getToken()).startsWith("hvb.");
        assertThat(reads(up.getToken())).isTrue();
        assertThat(DevPlatform.api("POST", "auth/batch-up/users/bob", Map.of("password", "pw-123456", "token_type", "batch",
                "token_num_uses", 3), ROOT).status()).isEqualTo(400);

        assertThat(DevPlatform.api("POST", "sys/auth/batch-ar", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/batch-ar/role/svc", Map.of("token_policies", "batch-bb", "token_type", "default-batch"), ROOT)
                .status()).isEqualTo(204);
        VaultToken ar = new AppRoleAuthentication(AppRoleAuthenticationOptions.builder().path("batch-ar").appRole("svc")
                .roleId(RoleId.pull(VaultToken.of(ROOT))).secretId(SecretId.pull(VaultToken.of(ROOT))).build(), DevPlatform.loginClient()).login();
        assertThat(ar.getToken()).startsWith("hvb.");
        assertThat(reads(ar.getToken())).isTrue();
    }
}
