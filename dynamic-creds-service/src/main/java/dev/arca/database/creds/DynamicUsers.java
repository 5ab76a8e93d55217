package dev.arca.database.creds;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.SecretType;
import dev.arca.database.config.Connections;
import dev.arca.database.roles.Role;
import dev.arca.database.roles.RoleStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The {@code creds} secret type: renewal moves the user's validity to the lease's new expiry (the
 * role's renew statements or the plugin's default), revocation drops the user (the role's revocation
 * statements or the plugin's default). Both find the connection through the revocation data the lease
 * carries ({@code db_name}, {@code role}, {@code username}).
 */
@Component
public class DynamicUsers {

    public static final String SECRET_TYPE = "creds";

    private final Connections connections;
    private final RoleStore roles;

    public DynamicUsers(Connections connections, RoleStore roles) {
        this.connections = connections;
        this.roles = roles;
    }

    public SecretType secretType() {
        return new SecretType(SECRET_TYPE, this::renew, this::revoke);
    }

    private long renew(SecretType.Event e) {
        Map<String, String> d = e.data();
        Role role = roles.find(e.mount().accessor(), d.getOrDefault("role", ""))
                .orElseThrow(() -> VaultException.badRequest("error during renew: could not find role with name \"" + d.get("role") + "\""));
        Instant expiration = Instant.now().plusSeconds(e.ttl());
        connections.get(e.mount().accessor(), d.getOrDefault("db_name", ""))
                .plugin().updateUser(d.getOrDefault("username", ""), null, List.of(), expiration, role.renewStatements());
        return e.ttl();
    }

    private void revoke(SecretType.Event e) {
        Map<String, String> d = e.data();
        List<String> statements = roles.find(e.mount().accessor(), d.getOrDefault("role", "")).map(Role::revocationStatements)
                .orElse(List.of());
        drop(e.mount().accessor(), d.getOrDefault("db_name", ""), d.getOrDefault("username", ""), statements);
    }

    /** Drops a user with the statements given (the plugin's default when empty); nothing when it does not exist. */
    public void drop(String mount, String dbName, String username, List<String> statements) {
        if (username.isEmpty()) {
            throw VaultException.internal("the lease names no user");
        }
        connections.get(mount, dbName).plugin().deleteUser(username, statements);
    }
}
