package dev.arca.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.audit.AuditIntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ChainIntegrationTests extends AuditIntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void loggedEntriesFormAnIntactChain() {
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
        for (int i = 0; i < 3; i++) {
            logOne();
        }
        JsonNode v = verify();
        assertThat(v.get("verified").asBoolean()).isTrue();
        assertThat(v.get("entries").asLong()).isEqualTo(before + 3);
        String head = jdbc.queryForObject("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", String.class);
        assertThat(v.get("head_hash").asString()).isEqualTo(head);
        // an outside verifier starts the chain from 64 zeros
        assertThat(jdbc.queryForObject("SELECT prev_hash FROM audit_log ORDER BY seq LIMIT 1", String.class))
                .isEqualTo("0".repeat(64));
    }

    @Test
    void anEditedEntryIsNamedByVerify() {
        logOne();
        String id = logOne();
        logOne();
        long seq = jdbc.queryForObject("SELECT seq FROM audit_log WHERE request_id = ?", Long.class, id);
        String original = jdbc.queryForObject("SELECT entry FROM audit_log WHERE seq = ?", String.class, seq);
        jdbc.update("UPDATE audit_log SET entry = replace(entry, 'secret/data/app', 'secret/data/other') WHERE seq = ?", seq);
        try {
            JsonNode v = verify();
            assertThat(v.get("verified").asBoolean()).isFalse();
            assertThat(v.get("first_broken_seq").asLong()).isEqualTo(seq);
            assertThat(v.get("request_id").asString()).isEqualTo(id);
            assertThat(v.get("reason").asString()).isEqualTo("hash mismatch");
        } finally {
            jdbc.update("UPDATE audit_log SET entry = ? WHERE seq = ?", original, seq);
        }
        assertThat(verify().get("verified").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEntryIsDetected() {
        String deleted = logOne();
        String next = logOne();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE request_id = ?", deleted);
        long nextSeq = jdbc.queryForObject("SELECT seq FROM audit_log WHERE request_id = ?", Long.class, next);
        jdbc.update("DELETE FROM audit_log WHERE request_id = ?", deleted);
        try {
            JsonNode v = verify();
            assertThat(v.get("verified").asBoolean()).isFalse();
            assertThat(v.get("first_broken_seq").asLong()).isEqualTo(nextSeq);
            assertThat(v.get("reason").asString()).isEqualTo("previous hash mismatch");
        } finally {
            jdbc.update("INSERT INTO audit_log (seq, time, type, request_id, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    row.get("seq"), row.get("time"), row.get("type"), row.get("request_id"), row.get("entry"),
                    row.get("prev_hash"), row.get("hash"));
        }
        assertThat(verify().get("verified").asBoolean()).isTrue();
    }

    @Test
    void theWriterRoleCanOnlyAppend() throws SQLException {
        logOne();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE arca_audit_writer");
                s.execute("SAVEPOINT p");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET entry = 'x'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                s.execute("ROLLBACK TO SAVEPOINT p");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                s.execute("ROLLBACK TO SAVEPOINT p");
                assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_log"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    @Test
    void logFailsClosedWhenTheStoreCannotInsert() {
        double failuresBefore = meters.get("arca.audit.commit.failures").counter().count();
        jdbc.execute("REVOKE INSERT ON audit_log FROM arca_audit_writer");
        try {
            String id = java.util.UUID.randomUUID().toString();
            assertThat(call("POST", "/internal/audit/log", requestEntry(id, "hvs.t", Map.of())).status()).isEqualTo(500);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE request_id = ?", Long.class, id)).isZero();
            assertThat(meters.get("arca.audit.commit.failures").counter().count()).isEqualTo(failuresBefore + 1);
        } finally {
            jdbc.execute("GRANT INSERT ON audit_log TO arca_audit_writer");
        }
        logOne();
        assertThat(verify().get("verified").asBoolean()).isTrue();
    }
}
