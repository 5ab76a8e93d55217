package dev.arca.transit.store;

import dev.arca.core.barrier.Barrier;
import dev.arca.transit.key.KeyPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates keys whose {@code auto_rotate_period} has passed since their latest version. Replicas claim
 * due keys with {@code FOR UPDATE SKIP LOCKED}, so each key is rotated once; nothing runs while sealed.
 */
@Component
public class AutoRotation implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(AutoRotation.class);
    private static final int BATCH = 100;

    private final KeyRepository repository;
    private final KeyStore keys;
    private final Barrier barrier;
    private final TransactionTemplate tx;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("transit-auto-rotate").unstarted(r));

    public AutoRotation(KeyRepository repository, KeyStore keys, Barrier barrier, TransactionTemplate tx,
            @Value("${arca.transit.auto-rotate-check:60s}") Duration interval) {
        this.repository = repository;
        this.keys = keys;
        this.barrier = barrier;
        this.tx = tx;
        timer.scheduleWithFixedDelay(this::safely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safely() {
        try {
            rotateDue();
        } catch (RuntimeException e) {
            LOG.warn("auto-rotation pass failed: {}", e.getClass().getSimpleName());
        }
    }

    /** One pass: rotates every due key (in batches); returns how many were rotated. */
    public int rotateDue() {
        if (barrier.isSealed()) {
            return 0;
        }
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                List<String[]> due = repository.claimDueRotations(BATCH);
                for (String[] key : due) {
                    keys.update(key[0], key[1], KeyPolicy::rotatedCopy);
                }
                return due.size();
            });
            int done = n == null ? 0 : n;
            total += done;
            if (done < BATCH) {
                return total;
            }
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
