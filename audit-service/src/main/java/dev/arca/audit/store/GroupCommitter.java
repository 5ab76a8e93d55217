package dev.arca.audit.store;

import dev.arca.audit.config.AuditProperties;
import dev.arca.core.store.GroupCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The audit store's group commit (platform-core's {@link GroupCommit}): callers enqueue an entry and
 * wait on its future; one writer appends whatever has queued up (at most {@code maxBatch}) to the
 * chain in one transaction and then completes every future of the batch, successfully or with the
 * failure.
 *
 * <p>Meters: {@code arca.audit.commit} (time of each successful group commit),
 * {@code arca.audit.commit.entries} (entries per group commit) and {@code arca.audit.commit.failures}
 * (group commits that failed, refusing every entry of their batch).
 */
@Component
public class GroupCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final ChainAppender appender;
    private final int maxBatch;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter failures;
    private volatile @Nullable GroupCommit<StoreEntry, Boolean> group;

    GroupCommitter(ChainAppender appender, AuditProperties props, MeterRegistry meters) {
        this.appender = appender;
        this.maxBatch = props.maxBatch();
        this.batchSizes = DistributionSummary.builder("arca.audit.commit.entries")
                .description("Audit entries stored per group commit").register(meters);
        this.commits = Timer.builder("arca.audit.commit").description("Time of one group commit of audit entries")
                .register(meters);
        this.failures = Counter.builder("arca.audit.commit.failures")
                .description("Group commits that failed; every entry of the batch was refused").register(meters);
    }

    /** Queues an entry; the future completes once its batch has committed (or failed). */
    public CompletableFuture<Void> submit(StoreEntry entry) {
        GroupCommit<StoreEntry, Boolean> g = group;
        if (g == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("audit store is not running"));
        }
        return g.submit(entry).thenApply(ok -> null);
    }

    private List<Boolean> write(List<StoreEntry> batch) {
        try {
            long started = System.nanoTime();
            appender.append(batch);
            commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
            return Collections.nCopies(batch.size(), Boolean.TRUE);
        } catch (RuntimeException | Error e) {
            failures.increment();
            // by type only: the message of a database error may quote the entry
            log.error("audit store could not append a batch of {}: {}", batch.size(), e.getClass().getName());
            throw e;
        }
    }

    /** Starts before and stops after the web server, so no request in flight finds the writer gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void start() {
        group = new GroupCommit<>("arca-audit-writer", maxBatch, this::write);
    }

    @Override
    public void stop() {
        GroupCommit<StoreEntry, Boolean> g = group;
        group = null;
        if (g != null) {
            // writes what is queued, then ends the writer
            g.close();
        }
    }

    @Override
    public boolean isRunning() {
        return group != null;
    }
}
