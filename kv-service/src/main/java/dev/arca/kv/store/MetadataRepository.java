package dev.arca.kv.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code secret_metadata} table. Writers lock a key's row ({@link #lockOrCreate}) for the whole
 * transaction, so concurrent writes of one key are serialised: distinct versions, exact CAS.
 */
@Repository
public class MetadataRepository {

    private static final List<String> COLUMN_NAMES = List.of("path", "max_versions", "cas_required",
            "delete_version_after_seconds", "custom_metadata", "current_version", "oldest_version", "created_time",
            "updated_time");
    private static final String COLUMNS = columns("");

    private final JdbcClient jdbc;

    public MetadataRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SecretMetadata> find(String mount, String path) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM secret_metadata WHERE mount_accessor = ? AND path = ?")
                .params(mount, path).query(MetadataRepository::map).optional();
    }

    /** The key's row, locked until the transaction ends; empty when the key does not exist. */
    public Optional<SecretMetadata> lock(String mount, String path) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM secret_metadata WHERE mount_accessor = ? AND path = ? FOR UPDATE")
                .params(mount, path).query(MetadataRepository::map).optional();
    }

    /** The key's row, created if missing, locked until the transaction ends. */
    public SecretMetadata lockOrCreate(String mount, String path, Instant now) {
        jdbc.sql("""
                INSERT INTO secret_metadata (mount_accessor, path, created_time, updated_time) VALUES (?, ?, ?, ?)
                ON CONFLICT (mount_accessor, path) DO NOTHING
                """).params(mount, path, Rows.timestamp(now), Rows.timestamp(now)).update();
        return lock(mount, path).orElseThrow(() -> new IllegalStateException("metadata row vanished while locked"));
    }

    public void update(String mount, SecretMetadata m) {
        jdbc.sql("""
                UPDATE secret_metadata SET max_versions = ?, cas_required = ?, delete_version_after_seconds = ?,
                    custom_metadata = ?, current_version = ?, oldest_version = ?, updated_time = ?
                WHERE mount_accessor = ? AND path = ?
                """)
                .params(m.maxVersions(), m.casRequired(), m.deleteVersionAfter(), m.customMetadata(),
                        m.currentVersion(), m.oldestVersion(), Rows.timestamp(m.updatedTime()), mount, m.path())
                .update();
    }

    /** Deletes the key with all its versions. */
    public boolean delete(String mount, String path) {
        return jdbc.sql("DELETE FROM secret_metadata WHERE mount_accessor = ? AND path = ?").params(mount, path).update() > 0;
    }

    /** The direct children of {@code prefix}: key names, and folder names ending in {@code /}, sorted. */
    public List<String> listKeys(String mount, String prefix) {
        return jdbc.sql("""
                SELECT DISTINCT CASE WHEN strpos(rest, '/') > 0 THEN substr(rest, 1, strpos(rest, '/')) ELSE rest END AS k
                FROM (SELECT substr(path, ?) AS rest FROM secret_metadata
                      WHERE mount_accessor = ? AND path LIKE ?) t
                WHERE rest <> ''
                ORDER BY k
                """)
                .params(prefix.length() + 1, mount, Rows.startsWith(prefix))
                .query(String.class).list();
    }

    public void deleteMount(String mount) {
        jdbc.sql("DELETE FROM secret_metadata WHERE mount_accessor = ?").param(mount).update();
    }

    /** The columns {@link #map} reads, each qualified with {@code alias} (e.g. {@code "m."}) for joins. */
    static String columns(String alias) {
        return String.join(", ", COLUMN_NAMES.stream().map(c -> alias + c).toList());
    }

    static SecretMetadata map(ResultSet rs, int row) throws SQLException {
        return new SecretMetadata(rs.getString("path"), rs.getInt("max_versions"), rs.getBoolean("cas_required"),
                rs.getLong("delete_version_after_seconds"), rs.getBytes("custom_metadata"), rs.getInt("current_version"),
                rs.getInt("oldest_version"), Rows.requiredInstant(rs, "created_time"), Rows.requiredInstant(rs, "updated_time"));
    }
}
