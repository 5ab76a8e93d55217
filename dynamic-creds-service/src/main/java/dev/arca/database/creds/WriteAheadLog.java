package dev.arca.database.creds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code db_wal} table: a record per user being created, committed before the user exists and
 * deleted once its lease is registered (or the user is undone). A record older than any request
 * names a user that may exist without a lease.
 */
@Repository
public class WriteAheadLog {

    /** One user being created. */
    public record Entry(UUID id, String mountAccessor, String mountPath, String dbName, String roleName, String username) {
    }

    private final JdbcClient jdbc;

    public WriteAheadLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Entry write(String mountAccessor, String mountPath, String dbName, String roleName, String username) {
        Entry e = new Entry(UUID.randomUUID(), mountAccessor, mountPath, dbName, roleName, username);
        jdbc.sql("INSERT INTO db_wal (id, mount_accessor, mount_path, db_name, role_name, username, created_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), mountAccessor, mountPath, dbName, roleName, username, Timestamp.from(Instant.now())).update();
        return e;
    }

    public void clear(UUID id) {
        jdbc.sql("DELETE FROM db_wal WHERE id = ?").param(id).update();
    }

    /** Records older than {@code before}, locked for the caller's transaction; rows another replica holds are skipped. */
    public List<Entry> claimOlderThan(Instant before, int limit) {
        return jdbc.sql("SELECT id, mount_accessor, mount_path, db_name, role_name, username FROM db_wal WHERE created_time < ? "
                        + "ORDER BY created_time LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(before), limit)
                .query((rs, n) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }
}
