package dev.arca.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.audit.AuditIntegrationTestSupport;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many concurrent callers: every entry stored once, the chain intact, the commit meters counting them.
 * Timing is printed, not asserted.
 */
class GroupCommitIntegrationTests extends AuditIntegrationTestSupport {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitIntegrationTests.class);
    private static final int ENTRIES = 2000;
    /** Bounds open sockets, not the writer: far more callers wait than one batch holds. */
    private static final int IN_FLIGHT = 200;

    @Autowired
    MeterRegistry meters;

    @Test
    void concurrentEntriesAreAllStoredInOneIntactChain() throws Exception {
        String run = "gc-" + System.nanoTime() + "-";
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
        DistributionSummary batches = meters.get("arca.audit.commit.entries").summary();
        Timer commits = meters.get("arca.audit.commit").timer();
        double entriesBefore = batches.totalAmount();
        long batchesBefore = batches.count();
        long commitsBefore = commits.count();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        Semaphore permits = new Semaphore(IN_FLIGHT);
        long started = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ENTRIES; i++) {
                String id = run + i;
                futures.add(executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        statuses.add(call("POST", "/internal/audit/log", requestEntry(id, "hvs.t", Map.of("i", id))).status());
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(statuses).hasSize(ENTRIES).containsOnly(204);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT request_id) FROM audit_log WHERE request_id LIKE ?",
                Long.class, run + "%")).isEqualTo(ENTRIES);
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM audit_log ORDER BY seq", Long.class);
        assertThat(seqs).hasSize((int) (before + ENTRIES)).isSorted().doesNotHaveDuplicates();
        var v = verify();
        assertThat(v.get("verified").asBoolean()).isTrue();
        assertThat(v.get("entries").asLong()).isEqualTo(before + ENTRIES);

        assertThat(batches.totalAmount() - entriesBefore).as("entries counted by the commits").isEqualTo(ENTRIES);
        assertThat(commits.count() - commitsBefore).isPositive().isEqualTo(batches.count() - batchesBefore);
        log.info("group commit: {} entries in {} ms ({} entries/s); {} batches so far, size mean {} max {}; commit mean {} ms",
                ENTRIES, millis, ENTRIES * 1000L / Math.max(1, millis), batches.count(),
                String.format("%.1f", batches.mean()), batches.max(), String.format("%.1f", commits.mean(TimeUnit.MILLISECONDS)));
    }
}
