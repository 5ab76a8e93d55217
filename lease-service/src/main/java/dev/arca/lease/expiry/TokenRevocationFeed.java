package dev.arca.lease.expiry;

import dev.arca.lease.store.LeaseStore;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries token revocations to leases, durably. identity-service records the accessor of every token
 * it revokes in {@code identity.token_revocations}, in the revoking transaction. Here, in one
 * transaction, a batch of those rows is claimed ({@code SKIP LOCKED}), the leases those tokens issued
 * are marked for revocation, and the rows are deleted: a crash on either side loses nothing, and the
 * scheduler then revokes the marked leases through their backends.
 *
 * <p>That table is identity's (its migration, its writes); lease-service only reads and deletes rows,
 * the one contract between the two schemas.
 */
@Component
public class TokenRevocationFeed {

    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final LeaseStore store;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public TokenRevocationFeed(JdbcTemplate jdbc, LeaseStore store, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.store = store;
        this.tx = new TransactionTemplate(tm);
    }

    /** Applies every pending token revocation; returns how many leases were marked. */
    public int drain() {
        int marked = 0;
        try {
            while (true) {
                Integer n = tx.execute(s -> {
                    List<Long> ids = jdbc.queryForList("SELECT id FROM identity.token_revocations ORDER BY id LIMIT ? "
                            + "FOR UPDATE SKIP LOCKED", Long.class, BATCH);
                    if (ids.isEmpty()) {
                        return -1;
                    }
                    Long[] claimed = ids.toArray(Long[]::new);
                    List<String> accessors = jdbc.queryForList("SELECT DISTINCT accessor FROM identity.token_revocations "
                            + "WHERE id = ANY (?)", String.class, (Object) claimed);
                    int leases = store.markTokensRevoking(accessors, clock.millis());
                    jdbc.update("DELETE FROM identity.token_revocations WHERE id = ANY (?)", (Object) claimed);
                    return leases;
                });
                if (n == null || n < 0) {
                    return marked;
                }
                marked += n;
            }
        } catch (BadSqlGrammarException e) {
            // identity's schema is not migrated yet (or identity does not share this database)
            return marked;
        }
    }
}
