package dev.arca.kv.store;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mount_config} table: one row per v2 mount that was ever configured. */
@Repository
public class MountConfigRepository {

    private final JdbcClient jdbc;

    public MountConfigRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MountConfig find(String mount) {
        return jdbc.sql("SELECT max_versions, cas_required, delete_version_after_seconds FROM mount_config WHERE mount_accessor = ?")
                .param(mount)
                .query((rs, n) -> new MountConfig(rs.getInt(1), rs.getBoolean(2), rs.getLong(3)))
                .optional()
                .orElse(MountConfig.DEFAULT);
    }

    public void save(String mount, MountConfig c) {
        jdbc.sql("""
                INSERT INTO mount_config (mount_accessor, max_versions, cas_required, delete_version_after_seconds)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (mount_accessor) DO UPDATE SET max_versions = EXCLUDED.max_versions,
                    cas_required = EXCLUDED.cas_required, delete_version_after_seconds = EXCLUDED.delete_version_after_seconds
                """)
                .params(mount, c.maxVersions(), c.casRequired(), c.deleteVersionAfter())
                .update();
    }

    public void deleteMount(String mount) {
        jdbc.sql("DELETE FROM mount_config WHERE mount_accessor = ?").param(mount).update();
    }
}
