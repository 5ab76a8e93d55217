package dev.arca.lease.expiry;

import dev.arca.core.api.VaultException;
import dev.arca.lease.LeaseProperties;
import dev.arca.lease.registry.BackendCalls;
import dev.arca.lease.store.LeaseRecord;
import dev.arca.lease.store.LeaseStore;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes leases through their owning backends. A lease's row is locked while its backend revokes it
 * and deleted in the same transaction once it has: two processes never revoke one lease at once, and
 * a crash before the commit leaves the row to be revoked again (backends' revocations are idempotent).
 * A failure is recorded with the next attempt's time (exponential backoff); after
 * {@code arca.lease.max-attempts} failures the lease is marked irrevocable and left for an operator.
 */
@Service
public class Revocations {

    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    private final LeaseStore store;
    private final BackendCalls backends;
    private final LeaseProperties props;
    private final TransactionTemplate tx;
    private final Clock clock = Clock.systemUTC();

    public Revocations(LeaseStore store, BackendCalls backends, LeaseProperties props, PlatformTransactionManager tm) {
        this.store = store;
        this.backends = backends;
        this.props = props;
        this.tx = new TransactionTemplate(tm);
    }

    /**
     * Revokes one lease now, waiting for a scheduler that holds it.
     *
     * @param force delete the record even when the backend fails (Vault's {@code revoke-force})
     * @return false when there is no such lease (any more)
     * @throws VaultException 400 when the backend failed (the lease stays, retried by the scheduler)
     */
    public boolean revoke(String leaseId, boolean force) {
        RuntimeException[] failure = new RuntimeException[1];
        Boolean found = tx.execute(s -> {
            LeaseRecord lease = store.find(leaseId, true).orElse(null);
            if (lease == null) {
                return false;
            }
            failure[0] = attempt(lease, force);
            return true;
        });
        if (failure[0] != null) {
            throw VaultException.badRequest("failed to revoke lease: lease_id=" + leaseId + ": " + failure[0].getMessage());
        }
        return Boolean.TRUE.equals(found);
    }

    /** Revokes each of these leases; returns how many could not be revoked. */
    public int revokeAll(List<String> leaseIds, boolean force) {
        int failed = 0;
        for (String id : leaseIds) {
            try {
                revoke(id, force);
            } catch (VaultException e) {
                failed++;
            }
        }
        return failed;
    }

    /** One batch of the scheduler: claims due leases (skipping those another process holds) and revokes them. */
    public int expireDue() {
        Integer n = tx.execute(s -> {
            List<LeaseRecord> due = store.claimDue(clock.millis(), props.batchSize());
            for (LeaseRecord lease : due) {
                attempt(lease, false);
            }
            return due.size();
        });
        return n == null ? 0 : n;
    }

    /** Revokes one locked lease; answers the failure (recorded on the row), or null when it was revoked. */
    private @Nullable RuntimeException attempt(LeaseRecord lease, boolean force) {
        try {
            backends.revoke(lease);
        } catch (RuntimeException e) {
            if (!force) {
                recordFailure(lease, e);
                return e;
            }
            log.warn("lease {} of mount {} removed without revocation (revoke-force)", lease.mountPath(), lease.mountAccessor());
        }
        store.delete(lease.id());
        return null;
    }

    private void recordFailure(LeaseRecord lease, RuntimeException e) {
        int attempts = lease.attempts() + 1;
        String error = e instanceof VaultException v ? "backend answered " + v.status() : e.getClass().getSimpleName();
        if (attempts >= props.maxAttempts()) {
            log.warn("a lease of mount {} is irrevocable after {} attempts ({})", lease.mountPath(), attempts, error);
            store.failed(lease.id(), attempts, lease.dueMs(), LeaseRecord.IRREVOCABLE, error);
            return;
        }
        long wait = Math.min(props.maxBackoff().toMillis(), props.backoff().toMillis() << Math.min(30, attempts - 1));
        store.failed(lease.id(), attempts, clock.millis() + wait, LeaseRecord.REVOKING, error);
    }
}
