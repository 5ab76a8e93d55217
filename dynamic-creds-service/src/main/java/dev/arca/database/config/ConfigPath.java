package dev.arca.database.config;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.database.plugin.ConnectionSettings;
import dev.arca.database.plugin.DatabasePlugin;
import dev.arca.database.plugin.PostgresPlugin;
import dev.arca.database.plugin.Plugins;
import dev.arca.database.plugin.UrlCredentials;
import dev.arca.database.template.UsernameTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code config/<name>}: a connection to a database (plugin, URL, root credentials, pool limits,
 * allowed roles, password policy, username template, root rotation statements); {@code config/}: list.
 * A write merges into the stored connection; {@code password} is never returned.
 */
@Component
public class ConfigPath {

    private final ConfigStore store;
    private final Connections connections;
    private final Plugins plugins;
    private final TransactionTemplate tx;

    public ConfigPath(ConfigStore store, Connections connections, Plugins plugins, TransactionTemplate tx) {
        this.store = store;
        this.connections = connections;
        this.plugins = plugins;
        this.tx = tx;
    }

    public PathFamily listFamily() {
        return PathFamily.of("config/?")
                .list(r -> r.keys(store.names(r.mountAccessor())), "List the connections.")
                .help("The names of the mount's database connections.", "")
                .build();
    }

    public PathFamily family() {
        return PathFamily.of("config/{name}")
                .field(Field.path("name", "Name of the connection."))
                .field(Field.string("plugin_name", "The plugin: " + String.join(", ", plugins.names()) + "."))
                .field(Field.string("plugin_version", "Accepted for compatibility; must be empty."))
                .field(Field.of("verify_connection", FieldType.BOOL, "Connect once before storing the connection.").withDefault(true))
                .field(Field.of("allowed_roles", FieldType.COMMA_STRING_SLICE, "Roles that may use the connection; globs with *."))
                .field(Field.of("root_rotation_statements", FieldType.STRING_SLICE,
                        "Statements that change the root password on rotate-root; the plugin's default when empty."))
                .field(Field.string("password_policy", "Password policy for generated passwords; Vault's default when empty."))
                .field(Field.string("connection_url", "Connection URL; may hold {{username}} and {{password}}."))
                .field(Field.string("username", "Root user name."))
                .field(Field.string("password", "Root password; never returned."))
                .field(Field.of("max_open_connections", FieldType.INT, "Largest pool size; 0 for the default 4.").range(0, 1000))
                .field(Field.of("max_idle_connections", FieldType.INT, "Idle connections kept open.").range(0, 1000))
                .field(Field.of("max_connection_lifetime", FieldType.DURATION, "Longest a pooled connection lives; 0 for no limit."))
                .field(Field.string("username_template", "Template of generated user names; the plugin's default when empty."))
                .field(Field.of("password_authentication", FieldType.LOWERCASE_STRING, "password (the server hashes passwords) or "
                        + "scram-sha-256 (PostgreSQL: Arca sends SCRAM verifiers, never passwords)."))
                .read(this::read, "Read a connection (without its password).")
                .write(this::createOrUpdate, "Create or update a connection.")
                .delete(this::delete, "Delete a connection.")
                .existenceCheck(r -> store.exists(r.mountAccessor(), r.fields().string("name")))
                .help("A connection to a database Arca manages users of.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest r) {
        DbConfig c = store.find(r.mountAccessor(), r.fields().string("name")).orElseThrow(VaultException::notFound);
        return r.ok(view(c));
    }

    static Map<String, Object> view(DbConfig c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("connection_url", UrlCredentials.redacted(c.connectionUrl()));
        details.put("username", c.username());
        details.put("max_open_connections", c.maxOpenConnections());
        details.put("max_idle_connections", c.maxIdleConnections());
        details.put("max_connection_lifetime", Durations.format(c.maxConnectionLifetime()));
        details.put("password_authentication", c.passwordAuthentication());
        if (!c.usernameTemplate().isEmpty()) {
            details.put("username_template", c.usernameTemplate());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allowed_roles", c.allowedRoles());
        data.put("connection_details", details);
        data.put("password_policy", c.passwordPolicy());
        data.put("plugin_name", c.pluginName());
        data.put("plugin_version", "");
        data.put("root_credentials_rotate_statements", c.rootRotationStatements());
        data.put("verify_connection", c.verifyConnection());
        return data;
    }

    ResponseEntity<?> createOrUpdate(BackendRequest r) {
        String mount = r.mountAccessor();
        String name = r.fields().string("name");
        DbConfig old = store.find(mount, name).orElse(null);
        DbConfig c = merged(r.fields(), old);
        if (!plugins.exists(c.pluginName())) {
            throw VaultException.badRequest(c.pluginName().isEmpty() ? "empty plugin name"
                    : "unsupported plugin_name: " + c.pluginName() + "; supported: " + String.join(", ", plugins.names()));
        }
        if (!r.fields().string("plugin_version").isEmpty()) {
            throw VaultException.badRequest("plugin_version is not supported: plugins are built in");
        }
        String auth = String.valueOf(c.passwordAuthentication());
        if (!auth.equals(ConnectionSettings.PLAIN) && !(auth.equals(ConnectionSettings.SCRAM) && c.pluginName().equals(PostgresPlugin.NAME))) {
            throw VaultException.badRequest("password_authentication must be password" + (c.pluginName().equals(PostgresPlugin.NAME)
                    ? " or scram-sha-256" : " for " + c.pluginName()));
        }
        if (c.connectionUrl().isBlank()) {
            throw VaultException.badRequest("connection_url cannot be empty");
        }
        if (!c.usernameTemplate().isEmpty()) {
            try {
                UsernameTemplate.parse(c.usernameTemplate()).render(Map.of("DisplayName", "token", "RoleName", "role"));
            } catch (IllegalArgumentException e) {
                throw VaultException.badRequest("unable to initialize username template: " + e.getMessage());
            }
        }
        if (c.verifyConnection()) {
            try (DatabasePlugin probe = connections.start(name, c, true)) {
                // connected: nothing more to do with this instance
            } catch (VaultException e) {
                throw VaultException.badRequest("error creating database object: " + String.join("; ", e.errors()));
            }
        }
        tx.executeWithoutResult(s -> {
            store.put(mount, name, c);
            connections.publishChange(mount, name);
        });
        connections.close(mount, name);
        return BackendRequest.noContent();
    }

    private static DbConfig merged(FieldData f, @Nullable DbConfig old) {
        return new DbConfig(
                text(f, "plugin_name", old == null ? "" : old.pluginName()),
                text(f, "connection_url", old == null ? "" : old.connectionUrl()),
                text(f, "username", old == null ? "" : old.username()),
                text(f, "password", old == null ? "" : old.password()),
                f.has("allowed_roles") ? f.strings("allowed_roles") : old == null ? List.of() : old.allowedRoles(),
                f.has("verify_connection") || old == null ? f.bool("verify_connection", true) : old.verifyConnection(),
                f.has("max_open_connections") ? orDefault(f.integer("max_open_connections"), 4)
                        : old == null ? 4 : old.maxOpenConnections(),
                f.has("max_idle_connections") ? orDefault(f.integer("max_idle_connections"), 0)
                        : old == null ? 0 : old.maxIdleConnections(),
                f.has("max_connection_lifetime") ? orZero(f.duration("max_connection_lifetime"))
                        : old == null ? 0 : old.maxConnectionLifetime(),
                text(f, "password_policy", old == null ? "" : old.passwordPolicy()),
                text(f, "username_template", old == null ? "" : old.usernameTemplate()),
                f.has("root_rotation_statements") ? f.strings("root_rotation_statements")
                        : old == null ? List.of() : old.rootRotationStatements(),
                text(f, "password_authentication", old == null ? ConnectionSettings.PLAIN : String.valueOf(old.passwordAuthentication())));
    }

    private static String text(FieldData f, String name, String fallback) {
        return f.has(name) ? f.string(name) : fallback;
    }

    private static int orDefault(@Nullable Integer v, int fallback) {
        return v == null || v == 0 ? fallback : v;
    }

    private static long orZero(@Nullable Long v) {
        return v == null ? 0 : v;
    }

    ResponseEntity<?> delete(BackendRequest r) {
        String mount = r.mountAccessor();
        String name = r.fields().string("name");
        tx.executeWithoutResult(s -> {
            store.delete(mount, name);
            connections.publishChange(mount, name);
        });
        connections.close(mount, name);
        return BackendRequest.noContent();
    }
}
