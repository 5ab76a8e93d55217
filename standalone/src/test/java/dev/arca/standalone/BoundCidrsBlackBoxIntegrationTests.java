package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CIDR binding: {@code token_bound_cidrs} on token roles and login methods, AppRole's
 * {@code secret_id_bound_cidrs} and a secret id's {@code cidr_list}, enforced against the caller's address.
 * The test platform trusts {@code X-Forwarded-For} from loopback, so a call can come "from" another address.
 */
class BoundCidrsBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final String INVALID = "invalid role or secret ID";

    @BeforeAll
    static void setUp() {
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/cidr-bb", Map.of("policy", "path \"secret/data/cidr-bb/*\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(204);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("cidr-bb/app", Map.of("k", "v"));
    }

    /** {@code method /v1/path} as if from {@code from} (null: the connection's own loopback address). */
    private static TestHttp.Response from(String from, String method, String path, Object body, String token) {
        List<String> headers = new java.util.ArrayList<>();
        if (token != null) {
            headers.addAll(List.of("X-Vault-Token", token));
        }
        if (from != null) {
            headers.addAll(List.of("X-Forwarded-For", from));
        }
        return DevPlatform.http().send(method, "/v1/" + path, body, headers.toArray(String[]::new));
    }

    private static int read(String from, String token) {
        return from(from, "GET", "secret/data/cidr-bb/app", null, token).status();
    }

    @Test
    void aRolesTokenWorksOnlyFromItsBlocksAlsoWhenCached() {
        assertThat(DevPlatform.api("POST", "auth/token/roles/cidr-bb", Map.of("allowed_policies", "cidr-bb",
                "token_bound_cidrs", List.of("10.0.0.0/8", "fd00::/8")), ROOT).status()).isEqualTo(204);
        String token = DevPlatform.api("POST", "auth/token/create/cidr-bb", Map.of(), ROOT).json().path("auth").path("client_token").asString();
        assertThat(read(null, token)).as("from loopback").isEqualTo(403);
        assertThat(read("10.1.2.3", token)).isEqualTo(200);
        assertThat(read("10.1.2.3", token)).as("again, from the cache").isEqualTo(200);
        assertThat(read("192.168.0.1", token)).as("cached, from elsewhere").isEqualTo(403);
        assertThat(read("fd12::1", token)).isEqualTo(200);
        assertThat(read(null, token)).isEqualTo(403);
        JsonNode self = from("10.0.0.1", "GET", "auth/token/lookup-self", null, token).json().path("data");
        assertThat(self.path("bound_cidrs").toString()).isEqualTo("[\"10.0.0.0/8\",\"fd00::/8\"]");
    }

    @Test
    void aBoundTokenWithUsesSpendsNoneFromTheWrongAddress() {
        assertThat(DevPlatform.api("POST", "auth/token/roles/cidr-bb-uses", Map.of("allowed_policies", "cidr-bb",
                "token_bound_cidrs", "10.0.0.0/8", "token_num_uses", 2), ROOT).status()).isEqualTo(204);
        String token = DevPlatform.api("POST", "auth/token/create/cidr-bb-uses", Map.of(), ROOT).json().path("auth").path("client_token").asString();
        for (int i = 0; i < 3; i++) {
            assertThat(read("172.16.0.1", token)).isEqualTo(403);
        }
        assertThat(read("10.0.0.9", token)).isEqualTo(200);
        assertThat(read("10.0.0.9", token)).isEqualTo(200);
        assertThat(read("10.0.0.9", token)).as("two uses, both from the right address").isEqualTo(403);
    }

    @Test
    void userpassLoginsAndTheirTokensAreBound() {
        assertThat(DevPlatform.api("POST", "sys/auth/cidr-up", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/cidr-up/users/cy", Map.of("password", "pw-123456", "token_policies", "cidr-bb",
                "token_bound_cidrs", "10.0.0.0/8"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "auth/cidr-up/users/cy", null, ROOT).json().path("data").path("token_bound_cidrs").toString())
                .isEqualTo("[\"10.0.0.0/8\"]");
        TestHttp.Response refused = from(null, "POST", "auth/cidr-up/login/cy", Map.of("password", "pw-123456"), null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("errors").get(0).asString()).isEqualTo("login request originated from invalid CIDR");
        String token = from("10.2.3.4", "POST", "auth/cidr-up/login/cy", Map.of("password", "pw-123456"), null).json().path("auth")
                .path("client_token").asString();
        assertThat(read("10.2.3.4", token)).isEqualTo(200);
        assertThat(read(null, token)).isEqualTo(403);
    }

    @Test
    void appRoleLoginsComeOnlyFromTheRolesAndTheSecretIdsBlocks() {
        assertThat(DevPlatform.api("POST", "sys/auth/cidr-ar", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/cidr-ar/role/web", Map.of("token_policies", "cidr-bb", "secret_id_bound_cidrs", "10.0.0.0/8"),
                ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "auth/cidr-ar/role/web", null, ROOT).json().path("data").path("secret_id_bound_cidrs").toString())
                .isEqualTo("[\"10.0.0.0/8\"]");
        String roleId = DevPlatform.api("GET", "auth/cidr-ar/role/web/role-id", null, ROOT).json().path("data").path("role_id").asString();

        String secretId = DevPlatform.api("POST", "auth/cidr-ar/role/web/secret-id", Map.of(), ROOT).json().path("data").path("secret_id").asString();
        TestHttp.Response outside = from("192.168.1.1", "POST", "auth/cidr-ar/login", Map.of("role_id", roleId, "secret_id", secretId), null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().path("errors").get(0).asString()).isEqualTo(INVALID);
        assertThat(from("10.4.4.4", "POST", "auth/cidr-ar/login", Map.of("role_id", roleId, "secret_id", secretId), null).status()).isEqualTo(200);

        assertThat(DevPlatform.api("POST", "auth/cidr-ar/role/web/secret-id", Map.of("cidr_list", "192.168.0.0/16"), ROOT).status())
                .as("outside the role's blocks").isEqualTo(400);
        JsonNode narrow = DevPlatform.api("POST", "auth/cidr-ar/role/web/secret-id", Map.of("cidr_list", "10.9.0.0/16"), ROOT).json().path("data");
        String narrowId = narrow.path("secret_id").asString();
        assertThat(DevPlatform.api("POST", "auth/cidr-ar/role/web/secret-id/lookup", Map.of("secret_id", narrowId), ROOT).json().path("data")
                .path("cidr_list").toString()).isEqualTo("[\"10.9.0.0/16\"]");
        assertThat(from("10.4.4.4", "POST", "auth/cidr-ar/login", Map.of("role_id", roleId, "secret_id", narrowId), null).status())
                .as("in the role's blocks, not the secret id's").isEqualTo(400);
        assertThat(from("10.9.1.1", "POST", "auth/cidr-ar/login", Map.of("role_id", roleId, "secret_id", narrowId), null).status()).isEqualTo(200);
    }

    @Test
    void aRoleWithoutSecretIdsNeedsBoundAddresses() {
        assertThat(DevPlatform.api("POST", "sys/auth/cidr-ar2", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        TestHttp.Response unbound = DevPlatform.api("POST", "auth/cidr-ar2/role/open", Map.of("bind_secret_id", false), ROOT);
        assertThat(unbound.status()).isEqualTo(400);
        assertThat(unbound.json().path("errors").get(0).asString()).isEqualTo("at least one constraint should be enabled on the role");
        assertThat(DevPlatform.api("POST", "auth/cidr-ar2/role/ci", Map.of("bind_secret_id", false, "secret_id_bound_cidrs", "10.7.0.0/16",
                "token_policies", "cidr-bb"), ROOT).status()).isEqualTo(204);
        String roleId = DevPlatform.api("GET", "auth/cidr-ar2/role/ci/role-id", null, ROOT).json().path("data").path("role_id").asString();
        assertThat(from(null, "POST", "auth/cidr-ar2/login", Map.of("role_id", roleId), null).status()).isEqualTo(400);
        String token = from("10.7.1.2", "POST", "auth/cidr-ar2/login", Map.of("role_id", roleId), null).json().path("auth")
                .path("client_token").asString();
        assertThat(read(null, token)).as("the token itself is not bound").isEqualTo(200);
    }

    @Test
    void whatIsNoAddressOrBlockIsA400() {
        for (Object bad : List.of("example.com", "10.0.0.0/33", "10.0.0/8", "::g/64", "10.0.0.0/-1", "1.2.3.4/8/9")) {
            assertThat(DevPlatform.api("POST", "auth/token/roles/cidr-bb-bad", Map.of("token_bound_cidrs", bad), ROOT).status()).as(bad.toString())
                    .isEqualTo(400);
        }
    }
}
