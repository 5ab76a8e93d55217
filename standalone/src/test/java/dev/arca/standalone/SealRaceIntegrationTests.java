package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Init, unseal and seal against the seal fan-out's reconcile loop, here run back to back (every
 * millisecond) so that every change of seal state overlaps a pass, and against each other.
 */
class SealRaceIntegrationTests {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void initUnsealAndSealAreRaceFreeAgainstTheReconcileAndEachOther() throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        TestDatabase.Server s = TestDatabase.server();
        Database db = new Database(TestDatabase.createDatabase("sealrace"), s.username(), s.password(), null);
        try (Platform p = Platform.start(new Platform.Options(db, "127.0.0.1", 0, 0, true, false,
                Map.of("arca.seal.type", "shamir", "arca.seal.reconcile-interval-ms", "1")))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            TestHttp.Response init = http.send("PUT", "/v1/sys/init", Map.of("secret_shares", 1, "secret_threshold", 1));
            assertThat(init.status()).as(init.body()).isEqualTo(200);
            String key = init.json().path("keys").get(0).asString();
            String root = init.json().path("root_token").asString();
            assertThat(http.send("PUT", "/v1/sys/unseal", Map.of("key", key)).json().path("sealed").asBoolean(true)).isFalse();
            assertThat(http.send("POST", "/v1/sys/mounts/secret", Map.of("type", "kv", "options", Map.of("version", "2")),
                    "X-Vault-Token", root).status()).isEqualTo(204);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Integer>>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    boolean sealer = t % 2 == 0;
                    runs.add(pool.submit(() -> {
                        List<Integer> odd = new ArrayList<>();
                        for (int i = 0; i < 15; i++) {
                            TestHttp.Response r = sealer
                                    ? http.send("PUT", "/v1/sys/seal", null, "X-Vault-Token", root)
                                    : http.send("PUT", "/v1/sys/unseal", Map.of("key", key));
                            // a seal sent while sealed is 503, as in Vault; nothing may be a 500
                            if (r.status() >= 500 && r.status() != 503) {
                                odd.add(r.status());
                            }
                        }
                        return odd;
                    }));
                }
                for (Future<List<Integer>> f : runs) {
                    assertThat(f.get()).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }

            // whatever the order was, the end state is one the services agree with
            JsonNode last = http.send("PUT", "/v1/sys/unseal", Map.of("key", key)).json();
            assertThat(last.path("sealed").asBoolean(true)).isFalse();
            for (int i = 0; i < 20; i++) {
                TestHttp.Response w = http.send("POST", "/v1/secret/data/race", Map.of("data", Map.of("n", i)), "X-Vault-Token", root);
                assertThat(w.status()).as(w.body()).isEqualTo(200);
                Thread.sleep(10);
            }
            assertThat(http.send("PUT", "/v1/sys/seal", null, "X-Vault-Token", root).status()).isEqualTo(204);
            assertThat(http.send("GET", "/v1/sys/seal-status", null).json().path("sealed").asBoolean()).isTrue();
        }
    }
}
