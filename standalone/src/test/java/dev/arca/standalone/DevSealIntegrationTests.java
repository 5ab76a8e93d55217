package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dev mode after sys/seal: its printed unseal key (the static seal's key) unseals it again, with its data. */
class DevSealIntegrationTests {

    @Test
    void theStaticSealsKeyUnsealsAfterSysSeal() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("devseal"), s.username(), s.password(), null);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String root = "hvs.devseal-root";
        try (Platform p = Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, true, DevMode.gatewaySettings(key, root)))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            assertThat(http.send("POST", "/v1/secret/data/kept", Map.of("data", Map.of("k", "v")), "X-Vault-Token", root).status()).isEqualTo(200);
            assertThat(http.send("PUT", "/v1/sys/seal", null, "X-Vault-Token", root).status()).isEqualTo(204);
            assertThat(http.send("GET", "/v1/secret/data/kept", null, "X-Vault-Token", root).status()).isEqualTo(503);

            byte[] wrong = key.clone();
            wrong[0] ^= 1;
            TestHttp.Response refused = http.send("PUT", "/v1/sys/unseal", Map.of("key", Base64.getEncoder().encodeToString(wrong)));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(http.send("GET", "/v1/sys/seal-status", null).json().path("sealed").asBoolean()).isTrue();

            TestHttp.Response unsealed = http.send("PUT", "/v1/sys/unseal", Map.of("key", Base64.getEncoder().encodeToString(key)));
            assertThat(unsealed.status()).as(unsealed.body()).isEqualTo(200);
            assertThat(unsealed.json().path("sealed").asBoolean(true)).isFalse();
            TestHttp.Response read = http.send("GET", "/v1/secret/data/kept", null, "X-Vault-Token", root);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json().path("data").path("data").path("k").asString()).isEqualTo("v");
        }
    }
}
