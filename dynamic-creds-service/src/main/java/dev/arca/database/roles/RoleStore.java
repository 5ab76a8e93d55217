package dev.arca.database.roles;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code db_role} table: roles hold statements, not secrets, so they are stored as plain JSON. */
@Repository
public class RoleStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RoleStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Role> find(String mount, String name) {
        return jdbc.sql("SELECT role FROM db_role WHERE mount_accessor = ? AND name = ?").params(mount, name).query(String.class)
                .optional().map(s -> json.readValue(s, Role.class));
    }

    public boolean exists(String mount, String name) {
        return jdbc.sql("SELECT 1 FROM db_role WHERE mount_accessor = ? AND name = ?").params(mount, name).query().optionalValue()
                .isPresent();
    }

    public void put(String mount, String name, Role role) {
        jdbc.sql("INSERT INTO db_role (mount_accessor, name, role) VALUES (?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, name) DO UPDATE SET role = EXCLUDED.role")
                .params(mount, name, json.writeValueAsString(role)).update();
    }

    public void delete(String mount, String name) {
        jdbc.sql("DELETE FROM db_role WHERE mount_accessor = ? AND name = ?").params(mount, name).update();
    }

    public List<String> names(String mount) {
        return jdbc.sql("SELECT name FROM db_role WHERE mount_accessor = ? ORDER BY name").param(mount).query(String.class).list();
    }
}
