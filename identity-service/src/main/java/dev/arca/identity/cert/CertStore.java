package dev.arca.identity.cert;

import dev.arca.identity.login.MountTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The trusted certificates of cert mounts, by mount accessor and name. */
@Repository
class CertStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final MountTable rows;

    CertStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = new MountTable(jdbc, "cert_roles", "name");
    }

    Optional<CertRole> find(String mount, String name) {
        return jdbc.sql("SELECT settings::text FROM cert_roles WHERE mount_accessor = ? AND name = ?").params(mount, name)
                .query((rs, n) -> json.readValue(rs.getString(1), CertRole.class)).optional();
    }

    /** Every entry of the mount, by name in order. */
    Map<String, CertRole> all(String mount) {
        Map<String, CertRole> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT name, settings::text FROM cert_roles WHERE mount_accessor = ? ORDER BY name").param(mount)
                .query((rs, n) -> out.put(rs.getString(1), json.readValue(rs.getString(2), CertRole.class))).list();
        return out;
    }

    void save(String mount, String name, CertRole role) {
        jdbc.sql("""
                INSERT INTO cert_roles (mount_accessor, name, certificate, settings) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (mount_accessor, name) DO UPDATE SET certificate = EXCLUDED.certificate, settings = EXCLUDED.settings
                """).params(mount, name, role.certificate(), json.writeValueAsString(role)).update();
    }

    void delete(String mount, String name) {
        rows.delete(mount, name);
    }

    List<String> names(String mount) {
        return rows.names(mount);
    }

    void deleteMount(String mount) {
        rows.deleteMount(mount);
    }
}
