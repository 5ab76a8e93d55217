package dev.arca.gateway.mount;

import dev.arca.gateway.mount.Mount.MountConfig;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The mount table in the gateway's schema. */
@Repository
public class MountStore {

    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public MountStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Mount> all() {
        return jdbc.sql("SELECT path, kind, type, accessor, uuid, description, options::text, config::text, local, seal_wrap "
                        + "FROM mounts ORDER BY path")
                .query((rs, n) -> {
                    Map<String, Object> cfg = json.readValue(rs.getString(8), Map.class);
                    return new Mount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, java.util.UUID.class), rs.getString(6), json.readValue(rs.getString(7), OPTIONS),
                            new MountConfig(num(cfg, "default_lease_ttl"), num(cfg, "max_lease_ttl"),
                                    Boolean.TRUE.equals(cfg.get("force_no_cache"))),
                            rs.getBoolean(9), rs.getBoolean(10));
                })
                .list();
    }

    /** Inserts a mount; false when the path is taken. */
    public boolean insert(Mount m) {
        return jdbc.sql("INSERT INTO mounts (path, kind, type, accessor, uuid, description, options, config, local, seal_wrap) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (path) DO NOTHING")
                .params(m.path(), m.kind(), m.type(), m.accessor(), m.uuid(), m.description(),
                        json.writeValueAsString(m.options()), config(m.config()), m.local(), m.sealWrap())
                .update() == 1;
    }

    public void update(Mount m) {
        jdbc.sql("UPDATE mounts SET description = ?, options = ?::jsonb, config = ?::jsonb WHERE path = ?")
                .params(m.description(), json.writeValueAsString(m.options()), config(m.config()), m.path())
                .update();
    }

    /** Moves a mount to another path; false when that path is taken. */
    public boolean move(String from, String to) {
        return jdbc.sql("UPDATE mounts SET path = ? WHERE path = ? AND NOT EXISTS (SELECT 1 FROM mounts WHERE path = ?)")
                .params(to, from, to).update() == 1;
    }

    public void delete(String path) {
        jdbc.sql("DELETE FROM mounts WHERE path = ?").param(path).update();
    }

    private String config(MountConfig c) {
        return json.writeValueAsString(Map.of("default_lease_ttl", c.defaultLeaseTtl(), "max_lease_ttl", c.maxLeaseTtl(),
                "force_no_cache", c.forceNoCache()));
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
