package dev.arca.database.statics;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.database.config.Connections;
import dev.arca.database.roles.RolePath;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code static-roles/<name>}: an existing database user whose password Arca rotates; creating one
 * rotates its password at once. {@code static-roles/}: list. {@code static-creds/<name>}: the current
 * password. {@code rotate-role/<name>}: rotate now.
 */
@Component
public class StaticRolePath {

    private static final Field NAME = Field.path("name", "Name of the static role.");

    private final StaticRoles roles;
    private final Connections connections;

    public StaticRolePath(StaticRoles roles, Connections connections) {
        this.roles = roles;
        this.connections = connections;
    }

    public List<PathFamily> families() {
        return List.of(PathFamily.of("static-roles/?")
                        .list(r -> r.keys(roles.names(r.mountAccessor())), "List the static roles.")
                        .help("The names of the mount's static roles.", "")
                        .build(),
                PathFamily.of("static-roles/{name}")
                        .field(NAME)
                        .field(Field.string("db_name", "The connection the user exists on."))
                        .field(Field.string("username", "The database user; cannot be changed."))
                        .field(Field.of("rotation_period", FieldType.DURATION, "Rotate this often; at least 5s."))
                        .field(Field.string("rotation_schedule", "Rotate on this cron schedule (five fields, UTC)."))
                        .field(Field.of("rotation_window", FieldType.DURATION, "Accepted with rotation_schedule."))
                        .field(Field.of("rotation_statements", FieldType.STRING_SLICE,
                                "Statements that set the password; the plugin's default when empty."))
                        .field(Field.string("credential_type", "Only password is supported.").withDefault("password"))
                        .read(this::read, "Read a static role.")
                        .write(this::createOrUpdate, "Create or update a static role.")
                        .delete(r -> {
                            roles.delete(r.mountAccessor(), r.fields().string("name"));
                            return BackendRequest.noContent();
                        }, "Delete a static role (the user and its password stay as they are).")
                        .existenceCheck(r -> roles.exists(r.mountAccessor(), r.fields().string("name")))
                        .help("A static role: a database user whose password Arca rotates.", "")
                        .build(),
                PathFamily.of("static-creds/{name}")
                        .field(NAME)
                        .read(this::creds, "Read the current password of a static role.")
                        .help("The current credentials of a static role.", "")
                        .build(),
                PathFamily.of("rotate-role/{name}")
                        .field(NAME)
                        .write(r -> {
                            roles.rotateNow(r.mountAccessor(), r.fields().string("name"));
                            return BackendRequest.noContent();
                        }, "Rotate the static role's password now.")
                        .help("Rotates a static role's password now.", "")
                        .build());
    }

    ResponseEntity<?> read(BackendRequest r) {
        StaticRoles.Stored s = roles.find(r.mountAccessor(), r.fields().string("name")).orElseThrow(VaultException::notFound);
        Map<String, Object> data = schedule(s);
        data.put("db_name", s.role().dbName());
        data.put("username", s.role().username());
        data.put("rotation_statements", s.role().rotationStatements());
        data.put("credential_type", "password");
        return r.ok(data);
    }

    ResponseEntity<?> creds(BackendRequest r) {
        StaticRoles.Stored s = roles.find(r.mountAccessor(), r.fields().string("name")).orElseThrow(VaultException::notFound);
        Map<String, Object> data = schedule(s);
        data.put("username", s.role().username());
        data.put("password", s.password());
        data.put("ttl", Math.max(0, s.nextRotation().getEpochSecond() - java.time.Instant.now().getEpochSecond()));
        return r.ok(data);
    }

    private static Map<String, Object> schedule(StaticRoles.Stored s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("last_vault_rotation", DateTimeFormatter.ISO_INSTANT.format(s.lastRotation()));
        if (s.role().rotationSchedule().isEmpty()) {
            data.put("rotation_period", s.role().rotationPeriod());
        } else {
            data.put("rotation_schedule", s.role().rotationSchedule());
            data.put("rotation_window", s.role().rotationWindow());
        }
        return data;
    }

    ResponseEntity<?> createOrUpdate(BackendRequest r) {
        FieldData f = r.fields();
        String mount = r.mountAccessor();
        String name = f.string("name");
        StaticRoles.Stored old = roles.find(mount, name).orElse(null);
        StaticRole prior = old == null ? null : old.role();
        String username = f.string("username");
        if (prior != null && f.has("username") && !username.equals(prior.username())) {
            throw VaultException.badRequest("cannot update static account username");
        }
        boolean scheduled = f.has("rotation_schedule") ? !f.string("rotation_schedule").isEmpty()
                : prior != null && !prior.rotationSchedule().isEmpty() && !f.has("rotation_period");
        StaticRole role = new StaticRole(
                f.has("db_name") ? f.string("db_name") : prior == null ? "" : prior.dbName(),
                prior == null ? username : prior.username(),
                scheduled ? 0 : f.has("rotation_period") ? orZero(f.duration("rotation_period")) : prior == null ? 0 : prior.rotationPeriod(),
                scheduled ? (f.has("rotation_schedule") ? f.string("rotation_schedule") : prior.rotationSchedule()) : "",
                f.has("rotation_window") ? orZero(f.duration("rotation_window")) : prior == null ? 0 : prior.rotationWindow(),
                f.has("rotation_statements") ? f.strings("rotation_statements") : prior == null ? List.of() : prior.rotationStatements());
        if (f.has("rotation_period") && f.has("rotation_schedule") && !f.string("rotation_schedule").isEmpty()) {
            throw VaultException.badRequest("mutually exclusive fields rotation_period and rotation_schedule were both specified; "
                    + "only one of them can be provided");
        }
        if (role.dbName().isEmpty()) {
            throw VaultException.badRequest("database name is required");
        }
        if (role.username().isEmpty()) {
            throw VaultException.badRequest("username is a required field to create a static account");
        }
        if (!f.string("credential_type").equals("password")) {
            throw VaultException.badRequest("unsupported credential_type: only password is supported");
        }
        if (scheduled) {
            try {
                StaticRole.cron(role.rotationSchedule());
            } catch (IllegalArgumentException e) {
                throw VaultException.badRequest("could not parse rotation_schedule: " + e.getMessage());
            }
        } else if (role.rotationPeriod() < 5) {
            throw VaultException.badRequest("rotation_period must be 5 seconds or more");
        }
        RolePath.checked(role.rotationStatements());
        if (!connections.get(mount, role.dbName()).config().allows(name)) {
            throw VaultException.badRequest("\"" + name + "\" is not an allowed role");
        }
        roles.put(mount, name, role, old == null);
        return BackendRequest.noContent();
    }

    private static long orZero(@Nullable Long v) {
        return v == null ? 0 : v;
    }
}
