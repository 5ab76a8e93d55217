package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Server mode with the Shamir seal, as an operator runs it: init 5/3, unseal with three keys, write,
 * seal, restart against the same database, unseal again, and the data is still there. The gateway
 * reaches every service over HTTP here (no in-process calls), so that path is covered end to end too.
 */
class ServerModeIntegrationTests {

    private static Platform start(Database db) {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        return Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, false, Map.of("arca.seal.type", "shamir")));
    }

    @Test
    void initUnsealSealRestartAndUnsealAgain() {
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("servermode"), s.username(), s.password(), null);
        List<String> keys = new ArrayList<>();
        String root;
        try (Platform p = start(db)) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            assertThat(http.send("GET", "/v1/sys/health", null).status()).isEqualTo(501);
            assertThat(sealMetrics(p)).contains("\narca_seal_initialized 0.0\n", "\narca_seal_sealed 1.0\n");
            assertThat(http.send("GET", "/v1/sys/init", null).json().path("initialized").asBoolean(true)).isFalse();
            assertThat(http.send("POST", "/v1/sys/init", Map.of("secret_shares", 5, "secret_threshold", 6)).status()).isEqualTo(400);

            JsonNode init = http.send("POST", "/v1/sys/init", Map.of("secret_shares", 5, "secret_threshold", 3)).json();
            init.path("keys").forEach(k -> keys.add(k.asString()));
            root = init.path("root_token").asString();
            assertThat(keys).hasSize(5);
            assertThat(init.path("keys_base64")).hasSize(5);
            assertThat(root).startsWith("hvs.");
            assertThat(http.send("GET", "/v1/sys/health", null).status()).isEqualTo(503);
            assertThat(http.send("GET", "/v1/sys/mounts", null, "X-Vault-Token", root).status()).isEqualTo(503);
            assertThat(sealMetrics(p)).contains("\narca_seal_initialized 1.0\n", "\narca_seal_sealed 1.0\n");

            assertThat(unseal(http, keys.get(0)).path("progress").asInt()).isEqualTo(1);
            assertThat(http.send("POST", "/v1/sys/unseal", Map.of("key", keys.get(0))).status()).as("same key twice").isEqualTo(400);
            assertThat(unseal(http, keys.get(2)).path("sealed").asBoolean()).isTrue();
            JsonNode done = unseal(http, keys.get(4));
            assertThat(done.path("sealed").asBoolean(true)).isFalse();
            assertThat(done.path("t").asInt()).isEqualTo(3);
            assertThat(done.path("n").asInt()).isEqualTo(5);
            assertThat(http.send("GET", "/v1/sys/health", null).status()).isEqualTo(200);
            assertThat(sealMetrics(p)).contains("\narca_seal_sealed 0.0\n");

            assertThat(http.send("POST", "/v1/sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")),
                    "X-Vault-Token", root).status()).isEqualTo(204);
            assertThat(http.send("POST", "/v1/secret/data/persist", Map.of("data", Map.of("survives", "restart")),
                    "X-Vault-Token", root).status()).isEqualTo(200);

            assertThat(http.send("POST", "/v1/sys/seal", null, "X-Vault-Token", root).status()).isEqualTo(204);
            assertThat(http.send("GET", "/v1/secret/data/persist", null, "X-Vault-Token", root).status()).isEqualTo(503);
            assertThat(http.send("GET", "/v1/sys/health?sealedcode=299", null).status()).isEqualTo(299);
        }

        try (Platform p = start(db)) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            assertThat(http.send("GET", "/v1/sys/seal-status", null).json().path("sealed").asBoolean()).isTrue();
            assertThat(http.send("GET", "/v1/secret/data/persist", null, "X-Vault-Token", root).status()).isEqualTo(503);
            JsonNode wrong = http.send("POST", "/v1/sys/unseal", Map.of("key", "00".repeat(33))).json();
            assertThat(wrong.path("progress").asInt()).isEqualTo(1);
            assertThat(http.send("POST", "/v1/sys/unseal", Map.of("reset", true)).json().path("progress").asInt()).isZero();
            unseal(http, keys.get(1));
            unseal(http, keys.get(3));
            assertThat(unseal(http, keys.get(4)).path("sealed").asBoolean(true)).isFalse();
            TestHttp.Response read = http.send("GET", "/v1/secret/data/persist", null, "X-Vault-Token", root);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("data").path("data").path("survives").asString()).isEqualTo("restart");
        }
    }

    /** The gateway's Prometheus scrape, from its management port: it answers while sealed, unlike sys/metrics. */
    private static String sealMetrics(Platform p) {
        TestHttp.Response r = new TestHttp("http://127.0.0.1:" + p.managementPort()).send("GET", "/actuator/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** Sent the way curl -d sends it: JSON labelled as a form, with PUT. */
    private static JsonNode unseal(TestHttp http, String key) {
        TestHttp.Response r = http.send("PUT", "/v1/sys/unseal", "{\"key\":\"" + key + "\"}",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }
}
