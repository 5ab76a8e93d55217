package dev.arca.database.creds;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes the write-ahead records of completed issues off the request path: the ids queue here and one
 * thread deletes what has gathered in one statement (at most {@value #MAX_BATCH} a time). A record
 * whose deletion is lost (the process dies first, the statement fails) stays for the rollback sweep,
 * which finds its lease and only deletes it ({@link RollbackSweep}).
 */
@Component
public class WalClearer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WalClearer.class);
    static final int MAX_BATCH = 500;

    private final WriteAheadLog wal;
    private final BlockingQueue<UUID> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    public WalClearer(WriteAheadLog wal) {
        this.wal = wal;
        this.worker = Thread.ofPlatform().daemon().name("database-wal-clear").start(this::run);
    }

    /** Queues the record of an issue whose lease is registered. */
    public void clearLater(UUID id) {
        queue.add(id);
    }

    private void run() {
        while (running) {
            UUID first;
            try {
                first = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first != null) {
                List<UUID> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                clear(batch);
            }
        }
    }

    private void clear(List<UUID> batch) {
        try {
            wal.clear(batch);
        } catch (RuntimeException e) {
            log.warn("could not delete {} write-ahead records of completed issues; the rollback sweep will: {}", batch.size(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        running = false;
        worker.interrupt();
        List<UUID> left = new ArrayList<>();
        queue.drainTo(left);
        for (int i = 0; i < left.size(); i += MAX_BATCH) {
            clear(left.subList(i, Math.min(left.size(), i + MAX_BATCH)));
        }
    }
}
