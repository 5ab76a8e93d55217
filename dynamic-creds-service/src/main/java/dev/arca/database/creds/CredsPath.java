package dev.arca.database.creds;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.lease.LeaseClient;
import dev.arca.database.config.Connections;
import dev.arca.database.password.PasswordPolicies;
import dev.arca.database.plugin.DatabasePlugin;
import dev.arca.database.roles.Role;
import dev.arca.database.roles.RoleStore;
import dev.arca.database.template.UsernameTemplate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code creds/<role>}: a new database user under a lease. In order: a write-ahead record naming the
 * user and the lease id chosen for it, the user (creation statements, valid until the lease's expiry),
 * the lease (registered under that id before the answer; if that fails, the user is dropped), then the
 * record is queued for deletion after the answer ({@link WalClearer}). A crash anywhere in between
 * leaves a record the rollback sweep finds; it drops the user unless the lease exists ({@link RollbackSweep}).
 */
@Component
public class CredsPath {

    private final RoleStore roles;
    private final Connections connections;
    private final PasswordPolicies passwords;
    private final WriteAheadLog wal;
    private final LeaseClient leases;
    private final DynamicUsers users;
    private final WalClearer clearer;
    private final Map<String, UsernameTemplate> templates = new ConcurrentHashMap<>();

    public CredsPath(RoleStore roles, Connections connections, PasswordPolicies passwords, WriteAheadLog wal, LeaseClient leases,
            DynamicUsers users, WalClearer clearer) {
        this.roles = roles;
        this.connections = connections;
        this.passwords = passwords;
        this.wal = wal;
        this.leases = leases;
        this.users = users;
        this.clearer = clearer;
    }

    public PathFamily family() {
        return PathFamily.of("creds/{name}")
                .field(Field.path("name", "Name of the role."))
                .read(this::issue, "Issue a database user under a lease.")
                .help("A new database user for the role, dropped when its lease ends.", "")
                .build();
    }

    ResponseEntity<?> issue(BackendRequest r) {
        String mount = r.mountAccessor();
        String roleName = r.fields().string("name");
        Role role = roles.find(mount, roleName).orElseThrow(() -> VaultException.badRequest("unknown role: " + roleName));
        Connections.Open conn = connections.get(mount, role.dbName());
        if (!conn.config().allows(roleName)) {
            throw VaultException.badRequest("\"" + roleName + "\" is not an allowed role");
        }
        DatabasePlugin plugin = conn.plugin();
        String username = username(conn, plugin, roleName, r.context().displayName());
        String password = passwords.generate(conn.config().passwordPolicy());
        LeaseClient.Spec spec = new LeaseClient.Spec(DynamicUsers.SECRET_TYPE, 0, role.defaultTtl(), role.maxTtl(), true,
                Map.of("db_name", role.dbName(), "role", roleName, "username", username));
        Instant expiration = Instant.ofEpochMilli(leases.ttl(r, spec).expireMs());
        String leaseId = leases.newId(r);
        WriteAheadLog.Entry record = wal.write(mount, r.context().mountPath(), role.dbName(), roleName, username, leaseId);
        try {
            plugin.newUser(username, password, expiration, role.creationStatements());
        } catch (RuntimeException e) {
            // some databases (MySQL) do not roll DDL back: drop whatever part of the user exists
            undo(mount, role, username, e);
            wal.clear(record.id());
            throw e;
        }
        LeaseClient.Lease lease = leases.registerOrUndo(r, spec, leaseId, () -> {
            users.drop(mount, role.dbName(), username, role.revocationStatements());
            wal.clear(record.id());
        });
        clearer.clearLater(record.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("username", username);
        data.put("password", password);
        return r.leased(data, lease);
    }

    private void undo(String mount, Role role, String username, RuntimeException cause) {
        try {
            users.drop(mount, role.dbName(), username, role.rollbackStatements().isEmpty() ? role.revocationStatements()
                    : role.rollbackStatements());
        } catch (RuntimeException undoFailed) {
            cause.addSuppressed(undoFailed);
        }
    }

    private String username(Connections.Open conn, DatabasePlugin plugin, String role, String displayName) {
        DatabasePlugin.UsernameRules rules = plugin.usernames();
        String source = conn.config().usernameTemplate().isEmpty() ? rules.defaultTemplate() : conn.config().usernameTemplate();
        UsernameTemplate template = templates.computeIfAbsent(source, UsernameTemplate::parse);
        String name;
        try {
            name = template.render(Map.of("DisplayName", displayName.isEmpty() ? "token" : displayName, "RoleName", role));
        } catch (IllegalArgumentException e) {
            throw VaultException.internal("unable to generate username: " + e.getMessage());
        }
        if (name.isEmpty() || name.length() > rules.maxLength()) {
            throw VaultException.badRequest("generated username is " + name.length() + " characters; the database takes 1 to "
                    + rules.maxLength());
        }
        return name;
    }
}
