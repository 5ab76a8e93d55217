package dev.arca.database.statics;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.database.config.Connections;
import dev.arca.database.engine.DatabaseProperties;
import dev.arca.database.password.PasswordPolicies;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code db_static_role} table and rotation. A rotation holds the role's row lock, sets the new
 * password in the database, then stores it (sealed, bound to the row): a database that refuses leaves
 * the stored password unchanged. Due rotations are claimed with {@code SKIP LOCKED} every
 * {@code arca.database.sweep-interval}; a failed one is retried a minute later.
 */
@Component
public class StaticRoles implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StaticRoles.class);

    /** A stored role with its current password and rotation times. */
    public record Stored(StaticRole role, String password, Instant lastRotation, Instant nextRotation) {
        @Override
        public String toString() {
            return "Stored[" + role.username() + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;
    private final Connections connections;
    private final PasswordPolicies passwords;
    private final TransactionTemplate tx;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("database-static-rotation").unstarted(r));

    public StaticRoles(JdbcClient jdbc, Barrier barrier, JsonMapper json, Connections connections, PasswordPolicies passwords,
            TransactionTemplate tx, DatabaseProperties props) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
        this.connections = connections;
        this.passwords = passwords;
        this.tx = tx;
        long every = Math.max(100, props.sweepInterval().toMillis());
        timer.scheduleWithFixedDelay(this::rotateDue, every, every, TimeUnit.MILLISECONDS);
    }

    public Optional<Stored> find(String mount, String name) {
        return find(mount, name, false);
    }

    private Optional<Stored> find(String mount, String name, boolean forUpdate) {
        return jdbc.sql("SELECT role, password, last_rotation, next_rotation FROM db_static_role WHERE mount_accessor = ? AND name = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(mount, name)
                .query((rs, n) -> new Stored(json.readValue(rs.getString(1), StaticRole.class),
                        new String(barrier.decrypt(rs.getBytes(2), aad(mount, name)), java.nio.charset.StandardCharsets.UTF_8),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()))
                .optional();
    }

    public boolean exists(String mount, String name) {
        return jdbc.sql("SELECT 1 FROM db_static_role WHERE mount_accessor = ? AND name = ?").params(mount, name).query().optionalValue()
                .isPresent();
    }

    public List<String> names(String mount) {
        return jdbc.sql("SELECT name FROM db_static_role WHERE mount_accessor = ? ORDER BY name").param(mount).query(String.class).list();
    }

    public void delete(String mount, String name) {
        jdbc.sql("DELETE FROM db_static_role WHERE mount_accessor = ? AND name = ?").params(mount, name).update();
    }

    /** Creates the role and sets its first password in the database, or changes its settings (no rotation). */
    public void put(String mount, String name, StaticRole role, boolean rotateNow) {
        tx.executeWithoutResult(s -> {
            Optional<Stored> old = find(mount, name, true);
            if (old.isPresent() && !rotateNow) {
                Stored o = old.get();
                write(mount, name, role, o.password(), o.lastRotation());
                return;
            }
            rotate(mount, name, role);
        });
    }

    /** Rotates now: 400 when there is no such role, the database's error when it refuses. */
    public void rotateNow(String mount, String name) {
        tx.executeWithoutResult(s -> {
            Stored current = find(mount, name, true)
                    .orElseThrow(() -> VaultException.badRequest("no static role found for role name \"" + name + "\""));
            rotate(mount, name, current.role());
        });
    }

    private void rotate(String mount, String name, StaticRole role) {
        Connections.Open conn = connections.get(mount, role.dbName());
        String password = passwords.generate(conn.config().passwordPolicy());
        conn.plugin().updateUser(role.username(), password, role.rotationStatements(), null, List.of());
        write(mount, name, role, password, Instant.now());
    }

    private void write(String mount, String name, StaticRole role, String password, Instant last) {
        byte[] sealed = barrier.encrypt(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), aad(mount, name));
        jdbc.sql("INSERT INTO db_static_role (mount_accessor, name, role, password, last_rotation, next_rotation) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (mount_accessor, name) DO UPDATE SET role = EXCLUDED.role, password = EXCLUDED.password, "
                        + "last_rotation = EXCLUDED.last_rotation, next_rotation = EXCLUDED.next_rotation")
                .params(mount, name, json.writeValueAsString(role), sealed, Timestamp.from(last), Timestamp.from(clamp(role.next(last))))
                .update();
    }

    private static Instant clamp(Instant t) {
        Instant far = Instant.parse("9999-01-01T00:00:00Z");
        return t.isAfter(far) ? far : t;
    }

    /** Rotates every role whose time has come; the number rotated. */
    public int rotateDue() {
        if (barrier.isSealed()) {
            return 0;
        }
        int n = 0;
        try {
            while (true) {
                Boolean rotated = tx.execute(s -> {
                    List<String[]> due = jdbc.sql("SELECT mount_accessor, name FROM db_static_role WHERE next_rotation <= now() "
                                    + "ORDER BY next_rotation LIMIT 1 FOR UPDATE SKIP LOCKED")
                            .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
                    if (due.isEmpty()) {
                        return false;
                    }
                    String mount = due.get(0)[0];
                    String name = due.get(0)[1];
                    Stored current = find(mount, name, false).orElseThrow();
                    try {
                        rotate(mount, name, current.role());
                    } catch (RuntimeException failed) {
                        log.warn("rotation of a static role on connection {} failed; retried in a minute: {}", current.role().dbName(),
                                failed.getMessage());
                        jdbc.sql("UPDATE db_static_role SET next_rotation = now() + interval '1 minute' WHERE mount_accessor = ? AND name = ?")
                                .params(mount, name).update();
                    }
                    return true;
                });
                if (!Boolean.TRUE.equals(rotated) || ++n >= 100) {
                    return n;
                }
            }
        } catch (RuntimeException e) {
            log.warn("static role rotation pass failed: {}", e.getClass().getSimpleName());
            return n;
        }
    }

    private static String aad(String mount, String name) {
        return Barrier.aad("database", "db_static_role", mount + "/" + name);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
