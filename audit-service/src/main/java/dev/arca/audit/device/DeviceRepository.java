package dev.arca.audit.device;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Device rows in {@code audit_devices}; keys stay encrypted here. */
@Repository
class DeviceRepository {

    record Row(Device device, byte @Nullable [] sealedKey) {
    }

    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DeviceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Row> findAll() {
        return jdbc.sql("SELECT path, type, description, options, local, hmac_key FROM audit_devices ORDER BY path")
                .query((rs, n) -> new Row(
                        new Device(rs.getString(1), rs.getString(2), rs.getString(3),
                                json.readValue(rs.getString(4), OPTIONS), rs.getBoolean(5)),
                        rs.getBytes(6)))
                .list();
    }

    /** False when the path is taken. */
    boolean insert(Device d, byte[] sealedKey) {
        return jdbc.sql("""
                INSERT INTO audit_devices (path, type, description, options, local, hmac_key)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO NOTHING""")
                .params(d.path(), d.type(), d.description(), json.writeValueAsString(d.options()), d.local(), sealedKey)
                .update() == 1;
    }

    /** Sets a key only where none exists yet, so racing replicas agree on the first one written. */
    void setKeyIfMissing(String path, byte[] sealedKey) {
        jdbc.sql("UPDATE audit_devices SET hmac_key = ? WHERE path = ? AND hmac_key IS NULL")
                .params(sealedKey, path)
                .update();
    }

    boolean delete(String path) {
        return jdbc.sql("DELETE FROM audit_devices WHERE path = ?").param(path).update() == 1;
    }
}
