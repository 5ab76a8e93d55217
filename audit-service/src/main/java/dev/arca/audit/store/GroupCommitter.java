package dev.arca.audit.store;

import dev.arca.audit.config.AuditProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: callers enqueue an entry and wait on its future; one writer thread drains whatever
 * has queued up (at most {@code maxBatch}), appends it in one transaction and then completes every
 * future of the batch, successfully or with the failure. Throughput grows with concurrency instead of
 * being capped at one commit per call.
 *
 * <p>Meters: {@code arca.audit.commit} (time of each successful group commit),
 * {@code arca.audit.commit.entries} (entries per group commit) and {@code arca.audit.commit.failures}
 * (group commits that failed, refusing every entry of their batch).
 */
@Component
public class GroupCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending(StoreEntry entry, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ChainAppender appender;
    private final int maxBatch;
    private final DistributionSummary batchSizes;
    private final Timer commits;
    private final Counter failures;
    private volatile boolean running;
    private volatile @Nullable Thread writer;

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
        if (!running) {
            return CompletableFuture.failedFuture(new IllegalStateException("audit store is not running"));
        }
        Pending p = new Pending(entry, new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(new IllegalStateException("audit store stopped")));
    }

    private void write(List<Pending> batch) {
        try {
            long started = System.nanoTime();
            appender.append(batch.stream().map(Pending::entry).toList());
            commits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException | Error e) {
            failures.increment();
            // by type only: the message of a database error may quote the entry
            log.error("audit store could not append a batch of {}: {}", batch.size(), e.getClass().getName());
            batch.forEach(p -> p.done().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** Starts before and stops after the web server, so no request in flight finds the writer gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("arca-audit-writer").daemon().start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = writer;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
