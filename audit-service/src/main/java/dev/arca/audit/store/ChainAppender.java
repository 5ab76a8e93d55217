package dev.arca.audit.store;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends a batch to the chain in one transaction. The transaction takes the writer role first, so
 * the only thing this path can do to the table is INSERT (and read the head); an advisory lock
 * serialises writers across replicas, and the head is read under that lock so every replica extends
 * the same chain.
 */
@Component
class ChainAppender {

    static final String WRITER_ROLE = "arca_audit_writer";
    /** Advisory locks are per database, so one constant key serves every replica of this schema. */
    private static final long CHAIN_LOCK = 0x6172636141554449L;
    /**
     * One statement for any batch size (columns as arrays): the server prepares and plans it once,
     * where a multi-row VALUES list would be a new statement for every size.
     */
    private static final String INSERT = """
            INSERT INTO audit_log (time, type, request_id, entry, prev_hash, hash)
            SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
            """;
    /** The writer role and the chain lock in one round trip; the head is read by the next statement, after the lock. */
    private static final String ENTER = "SET LOCAL ROLE " + WRITER_ROLE + "; SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    ChainAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    void append(List<StoreEntry> batch) {
        tx.executeWithoutResult(status -> {
            jdbc.execute(ENTER);
            List<String> head = jdbc.queryForList("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", String.class);
            String prev = head.isEmpty() ? ChainHash.GENESIS : head.getFirst();
            int n = batch.size();
            OffsetDateTime[] times = new OffsetDateTime[n];
            String[] types = new String[n];
            String[] requestIds = new String[n];
            String[] entries = new String[n];
            String[] prevs = new String[n];
            String[] hashes = new String[n];
            for (int i = 0; i < n; i++) {
                StoreEntry e = batch.get(i);
                times[i] = e.time();
                types[i] = e.type();
                requestIds[i] = e.requestId();
                entries[i] = e.entry();
                prevs[i] = prev;
                prev = ChainHash.of(prev, e.entry());
                hashes[i] = prev;
            }
            jdbc.execute((ConnectionCallback<Void>) c -> {
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setArray(1, c.createArrayOf("timestamptz", times));
                    ps.setArray(2, c.createArrayOf("text", types));
                    ps.setArray(3, c.createArrayOf("text", requestIds));
                    ps.setArray(4, c.createArrayOf("text", entries));
                    ps.setArray(5, c.createArrayOf("text", prevs));
                    ps.setArray(6, c.createArrayOf("text", hashes));
                    ps.executeUpdate();
                }
                return null;
            });
        });
    }
}
