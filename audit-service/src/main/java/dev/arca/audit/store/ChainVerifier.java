package dev.arca.audit.store;

import dev.arca.audit.config.AuditProperties;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks the chain in {@code seq} order, one page at a time so the store never has to fit in memory.
 * A row is broken when its {@code prev_hash} is not its predecessor's hash (a row was removed or
 * reordered) or when its {@code hash} does not cover its own {@code prev_hash} and entry (the row was
 * edited). Gaps in {@code seq} are fine: a rolled-back batch leaves some.
 */
@Component
public class ChainVerifier {

    private record Row(long seq, String requestId, String entry, String prevHash, String hash) {
    }

    private final JdbcClient jdbc;
    private final int pageSize;

    ChainVerifier(JdbcClient jdbc, AuditProperties props) {
        this.jdbc = jdbc;
        this.pageSize = props.verifyPageSize();
    }

    public VerifyResult verify() {
        long after = 0;
        long checked = 0;
        String prev = ChainHash.GENESIS;
        while (true) {
            List<Row> page = page(after);
            for (Row r : page) {
                if (!r.prevHash().equals(prev)) {
                    return VerifyResult.broken(checked, r.seq(), r.requestId(), VerifyResult.PREVIOUS_HASH_MISMATCH);
                }
                if (!ChainHash.of(r.prevHash(), r.entry()).equals(r.hash())) {
                    return VerifyResult.broken(checked, r.seq(), r.requestId(), VerifyResult.HASH_MISMATCH);
                }
                checked++;
                prev = r.hash();
                after = r.seq();
            }
            if (page.size() < pageSize) {
                return VerifyResult.intact(checked, after, prev);
            }
        }
    }

    private List<Row> page(long after) {
        return jdbc.sql("SELECT seq, request_id, entry, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?")
                .params(after, pageSize)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }
}
