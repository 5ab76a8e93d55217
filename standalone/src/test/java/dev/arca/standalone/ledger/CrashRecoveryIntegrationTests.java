package dev.arca.standalone.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.standalone.Database;
import dev.arca.standalone.Platform;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A token is revoked, and the process dies (SIGKILL) before lease-service has revoked the leases the
 * token obtained: the next process on the same database revokes them, because the token's
 * revocation was recorded in the revoking transaction.
 */
class CrashRecoveryIntegrationTests {

    private static final String ROOT = "hvs.crash-root";

    @Test
    @Timeout(240)
    void leasesOfATokenRevokedBeforeAKillAreRevokedAfterTheRestart() throws Exception {
        TestDatabase.Server s = TestDatabase.server();
        String url = TestDatabase.createDatabase("crash");
        byte[] sealKey = new byte[32];
        String key = Base64.getEncoder().encodeToString(sealKey);
        String user;
        String leaseId;
        long started = System.nanoTime();
        CrashingPlatform.Child child = CrashingPlatform.launch(url, s.username(), s.password(), key, ROOT);
        long firstUpMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        try {
            TestHttp first = new TestHttp("http://127.0.0.1:" + child.port());
            assertThat(first.send("POST", "/v1/sys/mounts/db", Map.of("type", "ledger"), "X-Vault-Token", ROOT).status()).isEqualTo(204);
            assertThat(first.send("POST", "/v1/db/roles/app", Map.of("ttl", "1h"), "X-Vault-Token", ROOT).status()).isEqualTo(204);
            String token = first.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("root")), "X-Vault-Token", ROOT)
                    .json().path("auth").path("client_token").asString();
            var issued = first.send("GET", "/v1/db/creds/app", null, "X-Vault-Token", token).json();
            user = issued.path("data").path("username").asString();
            leaseId = issued.path("lease_id").asString();
            assertThat(first.send("POST", "/v1/auth/token/revoke", Map.of("token", token), "X-Vault-Token", ROOT).status())
                    .isEqualTo(204);
            assertThat(first.send("PUT", "/v1/sys/leases/lookup", Map.of("lease_id", leaseId), "X-Vault-Token", ROOT).status())
                    .as("not revoked yet: the first process's scheduler never runs").isEqualTo(200);
        } finally {
            child.process().destroyForcibly();
            child.process().waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(LedgerBackend.REVOKED).doesNotContain(user);

        System.setProperty("arca.lease.expiry-interval", "100ms");
        long restarted = System.nanoTime();
        try (Platform second = Platform.start(new Platform.Options(new Database(url, s.username(), s.password(), null), "127.0.0.1",
                0, 0, true, true, Map.of("arca.seal.type", "static", "arca.seal.static-key", key), Map.of("ledger", LedgerService::builder)))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!LedgerBackend.REVOKED.contains(user)) {
                assertThat(System.nanoTime()).as("revoked after the restart").isLessThan(deadline);
                Thread.sleep(50);
            }
            System.out.printf("crash test: first process up in %d ms, second in %d ms%n", firstUpMs,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
            TestHttp http = new TestHttp("http://127.0.0.1:" + second.gatewayPort());
            assertThat(http.send("PUT", "/v1/sys/leases/lookup", Map.of("lease_id", leaseId), "X-Vault-Token", ROOT).status())
                    .isEqualTo(400);
        }
    }
}
