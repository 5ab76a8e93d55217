package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The server config's {@code default_lease_ttl} and {@code max_lease_ttl} (here 1h and 2h) reach every
 * TTL computed from them: tokens made with {@code auth/token/create}, logins through a mount whose tune
 * leaves them unset, and the cap with Vault's warning.
 */
class SystemTtlIntegrationTests {

    private static final String ROOT = "system-ttl-root";

    @Test
    void theServersLeaseTtlsBoundTokensAndLogins() {
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("systemttl"), s.username(), s.password(), null);
        Platform.Options options = new Platform.Options(db, "127.0.0.1", 0, 0, true, true, DevMode.gatewaySettings(new byte[32], ROOT))
                .shared(Map.of("arca.lease.system-default-ttl", "3600s", "arca.lease.system-max-ttl", "7200s"));
        try (Platform p = Platform.start(options)) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            JsonNode plain = http.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("default")),
                    "X-Vault-Token", ROOT).json();
            assertThat(plain.path("auth").path("lease_duration").asLong()).as("the system default").isEqualTo(3600);

            JsonNode capped = http.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("default"), "ttl", "5h"),
                    "X-Vault-Token", ROOT).json();
            assertThat(capped.path("auth").path("lease_duration").asLong()).as("the system maximum").isEqualTo(7200);
            assertThat(capped.path("warnings").toString()).contains("exceeded the effective max_ttl of \\\"2h0m0s\\\"");

            assertThat(http.send("POST", "/v1/sys/auth/userpass", Map.of("type", "userpass"), "X-Vault-Token", ROOT).status())
                    .isEqualTo(204);
            assertThat(http.send("POST", "/v1/auth/userpass/users/ttl", Map.of("password", "ttl-password", "token_ttl", "3h"),
                    "X-Vault-Token", ROOT).status()).isEqualTo(204);
            JsonNode login = http.send("POST", "/v1/auth/userpass/login/ttl", Map.of("password", "ttl-password")).json();
            assertThat(login.path("auth").path("lease_duration").asLong()).as("an untuned mount's max is the system's").isEqualTo(7200);

            assertThat(http.send("POST", "/v1/sys/auth/userpass/tune", Map.of("max_lease_ttl", "4h"), "X-Vault-Token", ROOT)
                    .status()).isEqualTo(204);
            JsonNode tuned = http.send("POST", "/v1/auth/userpass/login/ttl", Map.of("password", "ttl-password")).json();
            assertThat(tuned.path("auth").path("lease_duration").asLong()).as("a mount's max overrides the system's").isEqualTo(3 * 3600);
        }
    }
}
