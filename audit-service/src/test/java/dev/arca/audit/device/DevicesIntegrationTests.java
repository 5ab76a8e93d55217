package dev.arca.audit.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.audit.AuditIntegrationTestSupport;
import dev.arca.audit.hash.Hmac;
import dev.arca.core.events.Invalidations;
import dev.arca.test.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class DevicesIntegrationTests extends AuditIntegrationTestSupport {

    @TempDir
    Path dir;

    @Autowired
    Invalidations invalidations;

    @Autowired
    TransactionTemplate tx;

    private Map<String, Object> fileDevice(Path file) {
        return Map.of("type", "file", "description", "to Loki", "options", Map.of("file_path", file.toString()));
    }

    @Test
    void listsTheStoreInDataAndAtTheTopLevel() {
        TestHttp.Response r = call("GET", "/v1/sys/audit", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode store = r.json().at("/data/store~1");
        assertThat(store.get("type").asString()).isEqualTo("store");
        assertThat(store.get("path").asString()).isEqualTo("store/");
        assertThat(store.get("local").asBoolean()).isFalse();
        assertThat(r.json().get("store/")).isEqualTo(store);
        assertThat(r.json().has("request_id")).isTrue();
    }

    @Test
    void aFileDeviceWritesHashedLinesUntilDisabled() throws IOException {
        Path file = dir.resolve("audit.log");
        assertThat(call("PUT", "/v1/sys/audit/loki", fileDevice(file)).status()).isEqualTo(204);
        try {
            JsonNode listed = call("GET", "/v1/sys/audit", null).json();
            assertThat(listed.at("/data/loki~1/options/file_path").asString()).isEqualTo(file.toString());
            assertThat(listed.at("/data/loki~1/description").asString()).isEqualTo("to Loki");
            assertThat(listed.at("/loki~1/type").asString()).isEqualTo("file");

            String id = UUID.randomUUID().toString();
            assertThat(call("POST", "/internal/audit/log", requestEntry(id, "hvs.xyz", Map.of("password", "p"))).status())
                    .isEqualTo(204);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1);
            assertThat(lines.getFirst()).doesNotContain("hvs.xyz", "\"p\"");
            JsonNode line = TestHttp.JSON.readTree(lines.getFirst());
            String fileHash = call("POST", "/v1/sys/audit-hash/loki", Map.of("input", "p")).json().at("/data/hash").asString();
            assertThat(fileHash).startsWith(Hmac.PREFIX);
            assertThat(line.at("/request/data/password").asString()).isEqualTo(fileHash);
            assertThat(line.at("/request/id").asString()).isEqualTo(id);
            // each device has its own key
            assertThat(storedEntry(id).at("/request/data/password").asString()).startsWith("hmac-sha256:").isNotEqualTo(fileHash);
        } finally {
            assertThat(call("DELETE", "/v1/sys/audit/loki", null).status()).isEqualTo(204);
        }
        assertThat(call("GET", "/v1/sys/audit", null).json().get("data").has("loki/")).isFalse();
        logOne();
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(call("POST", "/v1/sys/audit-hash/loki", Map.of("input", "p")).status()).isEqualTo(400);
    }

    @Test
    void aFileDeviceTakesVaultsOlderPathOption() throws IOException {
        Path file = dir.resolve("older.log");
        assertThat(call("PUT", "/v1/sys/audit/older", Map.of("type", "file", "options", Map.of("path", file.toString())))
                .status()).isEqualTo(204);
        try {
            String id = logOne();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1);
            assertThat(TestHttp.JSON.readTree(lines.getFirst()).at("/request/id").stringValue()).isEqualTo(id);
        } finally {
            assertThat(call("DELETE", "/v1/sys/audit/older", null).status()).isEqualTo(204);
        }
        logOne();
        assertThat(Files.readAllLines(file)).as("nothing written once disabled").hasSize(1);
    }

    @Test
    void filePathWinsOverPathWhenBothAreGiven() throws IOException {
        Path chosen = dir.resolve("chosen.log");
        Path other = dir.resolve("other.log");
        assertThat(call("PUT", "/v1/sys/audit/both", Map.of("type", "file", "options",
                Map.of("file_path", chosen.toString(), "path", other.toString()))).status()).isEqualTo(204);
        try {
            logOne();
            assertThat(Files.readAllLines(chosen)).hasSize(1);
            assertThat(other).doesNotExist();
        } finally {
            assertThat(call("DELETE", "/v1/sys/audit/both", null).status()).isEqualTo(204);
        }
    }

    @Test
    void rejectsBadDeviceRequests() {
        Path file = dir.resolve("dup.log");
        assertThat(call("PUT", "/v1/sys/audit/dup", fileDevice(file)).status()).isEqualTo(204);
        try {
            TestHttp.Response again = call("POST", "/v1/sys/audit/dup/", fileDevice(file));
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.json().get("errors").get(0).asString()).isEqualTo("path already in use");
        } finally {
            call("DELETE", "/v1/sys/audit/dup", null);
        }
        assertThat(call("PUT", "/v1/sys/audit/store", fileDevice(file)).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/sys/audit/x", Map.of("type", "syslog")).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/sys/audit/x", Map.of("type", "store")).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/sys/audit/x", Map.of("type", "file")).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/sys/audit/x", Map.of("type", "file", "options",
                Map.of("file_path", dir.resolve("missing/dir/a.log").toString()))).status()).isEqualTo(400);
        assertThat(call("PUT", "/v1/sys/audit/x", "{\"type\":").status()).isEqualTo(400);
        TestHttp.Response store = call("DELETE", "/v1/sys/audit/store", null);
        assertThat(store.status()).isEqualTo(400);
        assertThat(call("DELETE", "/v1/sys/audit/never-enabled", null).status()).isEqualTo(204);
        assertThat(call("GET", "/v1/sys/audit", null).json().get("data").propertyNames()).containsExactly("store/");
    }

    @Test
    void aChangeMadeByAnotherReplicaIsSeenAfterItsInvalidation() throws InterruptedException {
        assertThat(call("PUT", "/v1/sys/audit/elsewhere", Map.of("type", "file", "options", Map.of("file_path", "discard")))
                .status()).isEqualTo(204);
        assertThat(call("GET", "/v1/sys/audit", null).json().get("data").has("elsewhere/")).isTrue();
        // what another replica's disable does: delete the row and notify in the same transaction
        tx.executeWithoutResult(s -> {
            jdbc.update("DELETE FROM audit_devices WHERE path = 'elsewhere/'");
            invalidations.publish(DeviceRegistry.INVALIDATION_KIND, "elsewhere/");
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (call("GET", "/v1/sys/audit", null).json().get("data").has("elsewhere/")) {
            assertThat(System.nanoTime()).as("device list refreshed").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void stdoutAndDiscardAreAccepted() {
        assertThat(call("PUT", "/v1/sys/audit/out", Map.of("type", "file", "options", Map.of("file_path", "stdout"))).status())
                .isEqualTo(204);
        assertThat(call("PUT", "/v1/sys/audit/null", Map.of("type", "file", "options", Map.of("file_path", "discard"))).status())
                .isEqualTo(204);
        try {
            logOne();
        } finally {
            call("DELETE", "/v1/sys/audit/out", null);
            call("DELETE", "/v1/sys/audit/null", null);
        }
    }
}
