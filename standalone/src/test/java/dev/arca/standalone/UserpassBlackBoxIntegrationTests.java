package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.UsernamePasswordAuthentication;
import org.springframework.vault.authentication.UsernamePasswordAuthenticationOptions;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultToken;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;

/** The userpass auth method as a person's client uses it: spring-vault-core's own login, and plain HTTP. */
class UserpassBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final TestHttp HTTP = DevPlatform.http();


    @BeforeAll
    static void mount() {
        assertThat(DevPlatform.api("POST", "sys/auth/up-bb", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/up-bb", Map.of("policy", "path \"secret/data/up-bb/*\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(204);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("up-bb/app", Map.of("k", "v"));
    }

    private static VaultToken login(String user, String password) {
        RestTemplate client = DevPlatform.loginClient();
        return new UsernamePasswordAuthentication(UsernamePasswordAuthenticationOptions.builder().path("up-bb")
                .username(user).password(password).build(), client).login();
    }

    @Test
    void aUserLogsInThroughSpringVaultAndGetsItsPolicies() {
        assertThat(DevPlatform.api("POST", "auth/up-bb/users/alice", Map.of("password", "s3cret-Alice", "token_policies", "up-bb",
                "token_ttl", "10m"), ROOT).status()).isEqualTo(204);

        VaultToken token = login("alice", "s3cret-Alice");
        VaultTemplate alice = DevPlatform.vault(token.getToken());
        assertThat(alice.opsForVersionedKeyValue("secret").get("up-bb/app").getRequiredData()).containsEntry("k", "v");
        assertThatThrownBy(() -> alice.opsForSys().getMounts()).hasMessageContaining("403");

        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data");
        assertThat(self.path("meta").path("username").asString()).isEqualTo("alice");
        assertThat(self.path("policies").toString()).isEqualTo("[\"default\",\"up-bb\"]");
        assertThat(self.path("path").asString()).isEqualTo("auth/up-bb/login/alice");
        assertThat(self.path("ttl").asLong()).isBetween(590L, 600L);
        assertThat(self.path("orphan").asBoolean()).isTrue();
        assertThat(self.path("display_name").asString()).isEqualTo("userpass-alice");
    }

    @Test
    void failedLoginsSayNothingAboutWhy() {
        assertThat(DevPlatform.api("POST", "auth/up-bb/users/bob", Map.of("password", "right"), ROOT).status()).isEqualTo(204);
        TestHttp.Response wrong = DevPlatform.api("POST", "auth/up-bb/login/bob", Map.of("password", "wrong"), null);
        TestHttp.Response unknown = DevPlatform.api("POST", "auth/up-bb/login/nobody", Map.of("password", "wrong"), null);
        TestHttp.Response empty = DevPlatform.api("POST", "auth/up-bb/login/bob", Map.of(), null);
        for (TestHttp.Response r : List.of(wrong, unknown, empty)) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).asString()).isEqualTo("invalid username or password");
        }
        assertThat(DevPlatform.api("POST", "auth/up-bb/login/bob", Map.of("password", "right"), null).json().path("auth").path("client_token")
                .asString()).startsWith("hvs.");
        TestHttp.Response form = HTTP.send("POST", "/v1/auth/up-bb/login/bob", "password=right", "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(form.json().path("auth").path("client_token").asString()).as("a form body, as Vault reads one").startsWith("hvs.");
    }

    @Test
    void usersAreManagedWithATokenAndThePasswordNeverComesBack() {
        assertThat(DevPlatform.api("POST", "auth/up-bb/users/carol", Map.of("password", "one", "policies", "up-bb"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "auth/up-bb/users/carol", null, null).status()).as("management needs a token").isEqualTo(403);
        TestHttp.Response read = DevPlatform.api("GET", "auth/up-bb/users/carol", null, ROOT);
        assertThat(read.body()).doesNotContain("one").doesNotContain("password");
        assertThat(read.json().path("data").path("token_policies").toString()).isEqualTo("[\"up-bb\"]");
        assertThat(DevPlatform.api("LIST", "auth/up-bb/users", null, ROOT).json().path("data").path("keys").toString()).contains("\"carol\"");

        assertThat(DevPlatform.api("POST", "auth/up-bb/users/carol/password", Map.of("password", "two"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/up-bb/login/carol", Map.of("password", "one"), null).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/up-bb/login/carol", Map.of("password", "two"), null).status()).isEqualTo(200);

        assertThat(DevPlatform.api("POST", "auth/up-bb/users/dave", Map.of("password", "x", "token_num_uses", 2147483648L), ROOT).status())
                .isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/up-bb/users/dave", Map.of("password", "x", "token_bound_cidrs", "10.0.0.0/40"), ROOT).status())
                .as("no CIDR block").isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/up-bb/users/dave", Map.of("token_ttl", "1h"), ROOT).status()).as("a new user needs a password")
                .isEqualTo(400);
    }

    @Test
    void disablingTheMethodRemovesItsUsers() {
        assertThat(DevPlatform.api("POST", "sys/auth/up-gone", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/up-gone/users/erin", Map.of("password", "pw"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/up-gone/login/erin", Map.of("password", "pw"), null).status()).isEqualTo(200);
        assertThat(DevPlatform.api("DELETE", "sys/auth/up-gone", null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "sys/auth/up-gone", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/up-gone/login/erin", Map.of("password", "pw"), null).status()).isEqualTo(400);
    }
}
