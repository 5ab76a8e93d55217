package dev.arca.database.creds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code db_wal} table: a record per user being created, committed before the user exists and
 * naming the lease the user is to be registered under; deleted once the lease is registered (in
 * batches, after the answer: {@link WalClearer}) or the user is undone. A record older than any
 * request names a user that may exist without a lease: it has one exactly when its lease exists.
 */
@Repository
public class WriteAheadLog {

    /** One user being created. */
    public record Entry(UUID id, String mountAccessor, String mountPath, String dbName, String roleName, String username,
            @Nullable String leaseId) {
    }

    private final JdbcClient jdbc;

    public WriteAheadLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Entry write(String mountAccessor, String mountPath, String dbName, String roleName, String username, String leaseId) {
        Entry e = new Entry(UUID.randomUUID(), mountAccessor, mountPath, dbName, roleName, username, leaseId);
        jdbc.sql("INSERT INTO db_wal (id, mount_accessor, mount_path, db_name, role_name, username, lease_id, created_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), mountAccessor, mountPath, dbName, roleName, username, leaseId, Timestamp.from(Instant.now())).update();
        return e;
    }

    public void clear(UUID id) {
        jdbc.sql("DELETE FROM db_wal WHERE id = ?").param(id).update();
    }

    /** Deletes the records in one statement. */
    public void clear(List<UUID> ids) {
        jdbc.sql("DELETE FROM db_wal WHERE id = ANY(?)").param(ids.toArray(new UUID[0])).update();
    }

    /** Records older than {@code before}, locked for the caller's transaction; rows another replica holds are skipped. */
    public List<Entry> claimOlderThan(Instant before, int limit) {
        return jdbc.sql("SELECT id, mount_accessor, mount_path, db_name, role_name, username, lease_id FROM db_wal WHERE created_time < ? "
                        + "ORDER BY created_time LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(before), limit)
                .query((rs, n) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }
}
