package dev.arca.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.audit.AuditIntegrationTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway sends the entries of concurrent calls as one JSON array. */
class BatchLogIntegrationTests extends AuditIntegrationTestSupport {

    @Test
    void anArrayOfEntriesIsStoredInOrderAndHashed() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> request = requestEntry(id, "hvs.batch", Map.of("password", "p"));
        Map<String, Object> response = new LinkedHashMap<>(request);
        response.put("type", "response");
        response.put("response", Map.of("mount_type", "kv", "status_code", 200));
        String other = UUID.randomUUID().toString();

        assertThat(call("POST", "/internal/audit/log", List.of(request, response, requestEntry(other, "hvs.b2", Map.of())))
                .status()).isEqualTo(204);

        List<String> types = jdbc.queryForList("SELECT type FROM audit_log WHERE request_id = ? ORDER BY seq", String.class, id);
        assertThat(types).containsExactly("request", "response");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE request_id = ?", Integer.class, other)).isEqualTo(1);
        String raw = jdbc.queryForObject("SELECT entry FROM audit_log WHERE request_id = ? AND type = 'request'", String.class, id);
        assertThat(raw).doesNotContain("hvs.batch").doesNotContain("\"p\"");
        assertThat(verify().get("verified").asBoolean()).isTrue();
    }

    @Test
    void aBatchWithOneBadEntryIsRefusedWhole() {
        String id = UUID.randomUUID().toString();
        assertThat(call("POST", "/internal/audit/log", List.of(requestEntry(id, "hvs.t", Map.of()), Map.of("type", "other")))
                .status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE request_id = ?", Integer.class, id)).isZero();
    }
}
