package dev.arca.identity.userpass;

import dev.arca.core.barrier.Barrier;
import dev.arca.identity.login.TokenSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The users of userpass mounts; the password hash behind the barrier, bound to its mount and name. */
@Repository
class UserStore {

    /** A user: the bcrypt hash of the password and the settings of the tokens it gets. */
    record User(String name, String passwordHash, TokenSettings settings) {
    }

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    UserStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    Optional<User> find(String mount, String name) {
        return jdbc.sql("SELECT password_hash, settings::text FROM userpass_users WHERE mount_accessor = ? AND username = ?")
                .params(mount, name)
                .query((rs, n) -> new User(name, new String(barrier.decrypt(rs.getBytes(1), aad(mount, name)), StandardCharsets.UTF_8),
                        json.readValue(rs.getString(2), TokenSettings.class)))
                .optional();
    }

    void save(String mount, User u) {
        jdbc.sql("""
                INSERT INTO userpass_users (mount_accessor, username, password_hash, settings) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (mount_accessor, username) DO UPDATE SET password_hash = EXCLUDED.password_hash, settings = EXCLUDED.settings
                """).params(mount, u.name(), barrier.encrypt(u.passwordHash().getBytes(StandardCharsets.UTF_8), aad(mount, u.name())),
                json.writeValueAsString(u.settings())).update();
    }

    void delete(String mount, String name) {
        jdbc.sql("DELETE FROM userpass_users WHERE mount_accessor = ? AND username = ?").params(mount, name).update();
    }

    List<String> names(String mount) {
        return jdbc.sql("SELECT username FROM userpass_users WHERE mount_accessor = ? ORDER BY username").param(mount)
                .query(String.class).list();
    }

    void deleteMount(String mount) {
        jdbc.sql("DELETE FROM userpass_users WHERE mount_accessor = ?").param(mount).update();
    }

    private static String aad(String mount, String name) {
        return Barrier.aad("identity", "userpass_users", mount + "/" + name);
    }
}
