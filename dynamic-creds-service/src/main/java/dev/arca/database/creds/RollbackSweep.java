package dev.arca.database.creds;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.lease.LeaseClient;
import dev.arca.database.engine.DatabaseProperties;
import dev.arca.database.roles.RoleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the users of write-ahead records whose request died (the process was killed between creating
 * the user and registering its lease): every {@code arca.database.sweep-interval} while unsealed, records
 * older than {@code arca.database.rollback-min-age} are claimed ({@code SKIP LOCKED}, so replicas share
 * the work); a record whose lease exists is a completed issue that lost only the record's deletion and is
 * deleted, the others' users are dropped with the role's rollback statements (else its revocation
 * statements, else the plugin's default). A record whose user cannot be dropped yet stays for the next pass.
 */
@Component
public class RollbackSweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RollbackSweep.class);
    private static final int BATCH = 50;

    private final WriteAheadLog wal;
    private final RoleStore roles;
    private final DynamicUsers users;
    private final Barrier barrier;
    private final TransactionTemplate tx;
    private final DatabaseProperties props;
    private final LeaseClient leases;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("database-rollback").unstarted(r));

    public RollbackSweep(WriteAheadLog wal, RoleStore roles, DynamicUsers users, Barrier barrier, TransactionTemplate tx,
            DatabaseProperties props, LeaseClient leases) {
        this.wal = wal;
        this.roles = roles;
        this.users = users;
        this.barrier = barrier;
        this.tx = tx;
        this.props = props;
        this.leases = leases;
        long every = Math.max(100, props.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (barrier.isSealed()) {
            return;
        }
        try {
            sweep(props.rollbackMinAge());
        } catch (RuntimeException e) {
            log.warn("rollback sweep failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * One pass over records older than {@code minAge}: a record whose lease exists belongs to a completed
     * issue and is only deleted; the others' users are dropped. The number of users rolled back. When
     * lease-service cannot say which leases exist, nothing is done (the records stay for the next pass).
     */
    public int sweep(Duration minAge) {
        Integer done = tx.execute(s -> {
            int n = 0;
            List<WriteAheadLog.Entry> entries = wal.claimOlderThan(Instant.now().minus(minAge), BATCH);
            // an issue that completed (its lease is registered) and lost only the record's deletion
            Set<String> leased = leases.existing(entries.stream().map(WriteAheadLog.Entry::leaseId).filter(Objects::nonNull).toList());
            for (WriteAheadLog.Entry e : entries) {
                if (e.leaseId() != null && leased.contains(e.leaseId())) {
                    wal.clear(e.id());
                    continue;
                }
                try {
                    List<String> statements = roles.find(e.mountAccessor(), e.roleName())
                            .map(r -> r.rollbackStatements().isEmpty() ? r.revocationStatements() : r.rollbackStatements())
                            .orElse(List.<String>of());
                    users.drop(e.mountAccessor(), e.dbName(), e.username(), statements);
                    wal.clear(e.id());
                    n++;
                } catch (RuntimeException failed) {
                    log.warn("rollback of a user on connection {} failed; retried later: {}", e.dbName(), failed.getMessage());
                }
            }
            return n;
        });
        return done == null ? 0 : done;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
