package dev.arca.database.config;

import dev.arca.core.barrier.Barrier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code db_config} table: one row per connection, sealed by the barrier with additional data naming
 * the row ({@code database/db_config/<mount>/<name>}), so a connection copied to another row fails to open.
 */
@Repository
public class ConfigStore {

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    public ConfigStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    public Optional<DbConfig> find(String mount, String name) {
        return jdbc.sql("SELECT config FROM db_config WHERE mount_accessor = ? AND name = ?").params(mount, name)
                .query((rs, n) -> rs.getBytes(1)).optional()
                .map(sealed -> json.readValue(barrier.decrypt(sealed, aad(mount, name)), DbConfig.class));
    }

    public boolean exists(String mount, String name) {
        return jdbc.sql("SELECT 1 FROM db_config WHERE mount_accessor = ? AND name = ?").params(mount, name).query().optionalValue()
                .isPresent();
    }

    public void put(String mount, String name, DbConfig config) {
        byte[] sealed = barrier.encrypt(json.writeValueAsBytes(config), aad(mount, name));
        jdbc.sql("INSERT INTO db_config (mount_accessor, name, config, updated_time) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, name) DO UPDATE SET config = EXCLUDED.config, updated_time = EXCLUDED.updated_time")
                .params(mount, name, sealed, Timestamp.from(Instant.now())).update();
    }

    public void delete(String mount, String name) {
        jdbc.sql("DELETE FROM db_config WHERE mount_accessor = ? AND name = ?").params(mount, name).update();
    }

    public List<String> names(String mount) {
        return jdbc.sql("SELECT name FROM db_config WHERE mount_accessor = ? ORDER BY name").param(mount).query(String.class).list();
    }

    /** Everything a mount stored: its connections, roles, static roles and write-ahead records. */
    public void deleteMount(String mount) {
        for (String table : List.of("db_config", "db_role", "db_static_role", "db_wal")) {
            jdbc.sql("DELETE FROM " + table + " WHERE mount_accessor = ?").param(mount).update();
        }
    }

    private static String aad(String mount, String name) {
        return Barrier.aad("database", "db_config", mount + "/" + name);
    }
}
