package dev.arca.kv.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code secret_version} table. Callers hold the key's metadata lock when they change rows. */
@Repository
public class VersionRepository {

    /** The key's metadata joined with one version (the current one for 0): the read path's one statement. */
    private static final String FIND_WITH_KEY = "SELECT " + MetadataRepository.columns("m.") + """
            , v.version AS v_version, v.created_time AS v_created_time, v.deletion_time AS v_deletion_time,
              v.destroyed AS v_destroyed, v.data AS v_data
            FROM secret_metadata m
            LEFT JOIN secret_version v ON v.mount_accessor = m.mount_accessor AND v.path = m.path
                AND v.version = CASE WHEN ? = 0 THEN m.current_version ELSE ? END
            WHERE m.mount_accessor = ? AND m.path = ?
            """;

    private final JdbcClient jdbc;

    public VersionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SecretVersion> find(String mount, String path, int version) {
        return jdbc.sql("""
                SELECT version, created_time, deletion_time, destroyed, data FROM secret_version
                WHERE mount_accessor = ? AND path = ? AND version = ?
                """).params(mount, path, version).query(VersionRepository::map).optional();
    }

    /** A key's metadata with one of its versions, or none when that version does not exist. */
    public record KeyVersion(SecretMetadata key, @Nullable SecretVersion version) {
    }

    /**
     * A key's metadata and one of its versions (the current one for 0) in one statement: one round
     * trip for the read path, and both from the same snapshot.
     */
    public Optional<KeyVersion> findWithKey(String mount, String path, int version) {
        return jdbc.sql(FIND_WITH_KEY).params(version, version, mount, path)
                .query((rs, row) -> new KeyVersion(MetadataRepository.map(rs, row),
                        rs.getObject("v_version") == null ? null : map(rs, "v_")))
                .optional();
    }

    /** Every version of the key, oldest first, without their data. */
    public List<SecretVersion> history(String mount, String path) {
        return jdbc.sql("""
                SELECT version, created_time, deletion_time, destroyed, NULL::bytea AS data FROM secret_version
                WHERE mount_accessor = ? AND path = ? ORDER BY version
                """).params(mount, path).query(VersionRepository::map).list();
    }

    public void insert(String mount, String path, SecretVersion v) {
        jdbc.sql("""
                INSERT INTO secret_version (mount_accessor, path, version, created_time, deletion_time, destroyed, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(mount, path, v.version(), Rows.timestamp(v.createdTime()), Rows.timestamp(v.deletionTime()),
                        v.destroyed(), v.data())
                .update();
    }

    public void setDeletionTime(String mount, String path, int version, @Nullable Instant deletionTime) {
        jdbc.sql("UPDATE secret_version SET deletion_time = ? WHERE mount_accessor = ? AND path = ? AND version = ?")
                .params(Rows.timestamp(deletionTime), mount, path, version).update();
    }

    /** Marks a version destroyed and drops its data for good. */
    public void destroy(String mount, String path, int version) {
        jdbc.sql("UPDATE secret_version SET destroyed = true, data = NULL WHERE mount_accessor = ? AND path = ? AND version = ?")
                .params(mount, path, version).update();
    }

    /** Removes every version up to and including {@code version}. */
    public int deleteThrough(String mount, String path, int version) {
        return jdbc.sql("DELETE FROM secret_version WHERE mount_accessor = ? AND path = ? AND version <= ?")
                .params(mount, path, version).update();
    }

    private static SecretVersion map(ResultSet rs, int row) throws SQLException {
        return map(rs, "");
    }

    /** A version from columns named with {@code prefix} (e.g. {@code v_version} in a join). */
    private static SecretVersion map(ResultSet rs, String prefix) throws SQLException {
        return new SecretVersion(rs.getInt(prefix + "version"), Rows.requiredInstant(rs, prefix + "created_time"),
                Rows.instant(rs, prefix + "deletion_time"), rs.getBoolean(prefix + "destroyed"), rs.getBytes(prefix + "data"));
    }
}
