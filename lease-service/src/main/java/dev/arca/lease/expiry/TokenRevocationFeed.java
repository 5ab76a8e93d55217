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
 * scheduler then revokes the marked leases through their backends. The applied tokens are kept for an
 * hour, so a lease registered by a request still in flight with a just-revoked token is refused.
 *
 * <p>That table is identity's (its migration, its writes); lease-service only reads and deletes rows,
 * the one contract between the two schemas.
 */
@Component
public class TokenRevocationFeed {

    private static final int BATCH = 500;
    /** How long a revoked token's registrations are refused: far longer than any request is in flight. */
    private static final long REMEMBER_MS = 3_600_000;

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
                            + "WHERE id = ANY (?) ORDER BY accessor", String.class, (Object) claimed);
                    long now = clock.millis();
                    // exclusive against registrations by these tokens (LeaseStore.insert takes it shared)
                    for (String a : accessors) {
                        jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext('token:' || ?))", a);
                    }
                    store.rememberRevokedTokens(accessors, now);
                    int leases = store.markTokensRevoking(accessors, now);
                    jdbc.update("DELETE FROM identity.token_revocations WHERE id = ANY (?)", (Object) claimed);
                    return leases;
                });
                if (n == null || n < 0) {
                    store.forgetRevokedTokens(clock.millis() - REMEMBER_MS);
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
