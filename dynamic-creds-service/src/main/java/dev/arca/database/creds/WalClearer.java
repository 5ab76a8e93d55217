package dev.arca.database.creds;

import dev.arca.core.store.GroupCommit;
import java.util.Collections;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes the write-ahead records of completed issues off the request path, by platform-core's
 * {@link GroupCommit}: the ids queue and one thread deletes what has gathered in one statement (at
 * most {@value #MAX_BATCH} a time); nobody waits for it. A record whose deletion is lost (the process
 * dies first, the statement fails) stays for the rollback sweep, which finds its lease and only
 * deletes it ({@link RollbackSweep}).
 */
@Component
public class WalClearer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WalClearer.class);
    static final int MAX_BATCH = 500;

    private final GroupCommit<UUID, Boolean> deletes;

    public WalClearer(WriteAheadLog wal) {
        this.deletes = new GroupCommit<>("database-wal-clear", MAX_BATCH, batch -> {
            try {
                wal.clear(batch);
                return Collections.nCopies(batch.size(), Boolean.TRUE);
            } catch (RuntimeException e) {
                log.warn("could not delete {} write-ahead records of completed issues; the rollback sweep will: {}", batch.size(),
                        e.getClass().getSimpleName());
                return Collections.nCopies(batch.size(), Boolean.FALSE);
            }
        });
    }

    /** Queues the record of an issue whose lease is registered. */
    public void clearLater(UUID id) {
        deletes.submit(id);
    }

    /** Deletes what is queued, then stops. */
    @Override
    public void destroy() {
        deletes.close();
    }
}
