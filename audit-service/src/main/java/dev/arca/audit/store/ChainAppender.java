package dev.arca.audit.store;

import java.util.ArrayList;
import java.util.List;
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
    private static final String INSERT =
            "INSERT INTO audit_log (time, type, request_id, entry, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    ChainAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
    }

    void append(List<StoreEntry> batch) {
        tx.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL ROLE " + WRITER_ROLE);
            jdbc.query("SELECT pg_advisory_xact_lock(?)", rs -> { }, CHAIN_LOCK);
            List<String> head = jdbc.queryForList("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1", String.class);
            String prev = head.isEmpty() ? ChainHash.GENESIS : head.getFirst();
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (StoreEntry e : batch) {
                String hash = ChainHash.of(prev, e.entry());
                rows.add(new Object[] {e.time(), e.type(), e.requestId(), e.entry(), prev, hash});
                prev = hash;
            }
            jdbc.batchUpdate(INSERT, rows);
        });
    }
}
