package dev.arca.lease.store;

import dev.arca.core.store.GroupCommit;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registrations by group commit: the leases of concurrent issues go into one transaction (at most
 * {@value #MAX_BATCH}), and each registering engine waits until its own lease is committed, so no
 * secret leaves before its lease is durable. A failed batch fails every registration in it, and none
 * of its leases stay.
 */
@Component
public class LeaseWriter implements DisposableBean {

    static final int MAX_BATCH = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final GroupCommit<LeaseRecord, Boolean> commits;

    public LeaseWriter(LeaseStore store, PlatformTransactionManager tm) {
        TransactionTemplate tx = new TransactionTemplate(tm);
        this.commits = new GroupCommit<>("lease-writer", MAX_BATCH, batch -> tx.execute(s -> store.insert(batch)));
    }

    /** Records the lease; false when its token's revocation has been applied (see {@link LeaseStore#insert(List)}). */
    public boolean insert(LeaseRecord lease) {
        return commits.write(lease, TIMEOUT);
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
