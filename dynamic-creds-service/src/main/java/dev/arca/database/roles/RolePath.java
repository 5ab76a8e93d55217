package dev.arca.database.roles;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.database.plugin.Statements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code roles/<name>}: what an issued user is (statements) and how long it lives; {@code roles/}: list. */
@Component
public class RolePath {

    private static final Map<String, String> SAMPLE = Map.of("name", "n", "username", "n", "password", "p", "expiration", "e");

    private final RoleStore roles;

    public RolePath(RoleStore roles) {
        this.roles = roles;
    }

    public PathFamily listFamily() {
        return PathFamily.of("roles/?")
                .list(r -> r.keys(roles.names(r.mountAccessor())), "List the roles.")
                .help("The names of the mount's dynamic roles.", "")
                .build();
    }

    public PathFamily family() {
        return PathFamily.of("roles/{name}")
                .field(Field.path("name", "Name of the role."))
                .field(Field.string("db_name", "The connection the role's users are created on."))
                .field(Field.of("creation_statements", FieldType.STRING_SLICE,
                        "Statements that create the user: {{name}}, {{password}} and {{expiration}} are filled in quoted."))
                .field(Field.of("revocation_statements", FieldType.STRING_SLICE,
                        "Statements that drop the user; the plugin's default when empty."))
                .field(Field.of("rollback_statements", FieldType.STRING_SLICE,
                        "Statements that undo a creation that did not finish; the revocation when empty."))
                .field(Field.of("renew_statements", FieldType.STRING_SLICE,
                        "Statements that extend the user's validity; the plugin's default when empty."))
                .field(Field.of("default_ttl", FieldType.DURATION, "Default lease TTL."))
                .field(Field.of("max_ttl", FieldType.DURATION, "Longest lease TTL."))
                .field(Field.string("credential_type", "Only password is supported.").withDefault("password"))
                .field(Field.of("credential_config", FieldType.MAP, "Accepted for compatibility; must be empty."))
                .read(this::read, "Read a role.")
                .write(this::createOrUpdate, "Create or update a role.")
                .delete(r -> {
                    roles.delete(r.mountAccessor(), r.fields().string("name"));
                    return BackendRequest.noContent();
                }, "Delete a role.")
                .existenceCheck(r -> roles.exists(r.mountAccessor(), r.fields().string("name")))
                .help("A dynamic role: how users are created, renewed and dropped on a connection.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest r) {
        Role role = roles.find(r.mountAccessor(), r.fields().string("name")).orElseThrow(VaultException::notFound);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("db_name", role.dbName());
        data.put("creation_statements", role.creationStatements());
        data.put("revocation_statements", role.revocationStatements());
        data.put("rollback_statements", role.rollbackStatements());
        data.put("renew_statements", role.renewStatements());
        data.put("default_ttl", role.defaultTtl());
        data.put("max_ttl", role.maxTtl());
        data.put("credential_type", role.credentialType());
        data.put("credential_config", Map.of());
        return r.ok(data);
    }

    ResponseEntity<?> createOrUpdate(BackendRequest r) {
        FieldData f = r.fields();
        Role old = roles.find(r.mountAccessor(), f.string("name")).orElse(null);
        Role role = new Role(
                f.has("db_name") ? f.string("db_name") : old == null ? "" : old.dbName(),
                list(f, "creation_statements", old == null ? null : old.creationStatements()),
                list(f, "revocation_statements", old == null ? null : old.revocationStatements()),
                list(f, "rollback_statements", old == null ? null : old.rollbackStatements()),
                list(f, "renew_statements", old == null ? null : old.renewStatements()),
                f.has("default_ttl") ? orZero(f.duration("default_ttl")) : old == null ? 0 : old.defaultTtl(),
                f.has("max_ttl") ? orZero(f.duration("max_ttl")) : old == null ? 0 : old.maxTtl(),
                f.has("credential_type") || old == null ? f.string("credential_type") : old.credentialType());
        if (role.dbName().isEmpty()) {
            throw VaultException.badRequest("empty database name attribute");
        }
        if (role.creationStatements().isEmpty()) {
            throw VaultException.badRequest("empty creation statements");
        }
        if (!role.credentialType().equals("password")) {
            throw VaultException.badRequest("unsupported credential_type: \"" + role.credentialType() + "\"; only password is supported");
        }
        if (f.object("credential_config") != null && !f.object("credential_config").isEmpty()) {
            throw VaultException.badRequest("credential_config is not supported for credential_type password");
        }
        if (role.maxTtl() > 0 && role.defaultTtl() > role.maxTtl()) {
            throw VaultException.badRequest("ttl cannot be greater than max_ttl");
        }
        for (List<String> statements : List.of(role.creationStatements(), role.revocationStatements(), role.rollbackStatements(),
                role.renewStatements())) {
            checked(statements);
        }
        roles.put(r.mountAccessor(), f.string("name"), role);
        return BackendRequest.noContent();
    }

    /** Refuses statements whose placeholders are quoted in a way no database quoting could make safe. */
    public static void checked(List<String> statements) {
        try {
            Statements.render(statements, SAMPLE, new Statements.Quoting() {
                @Override
                public String quoted(String placeholder, char quote, String value) {
                    return value;
                }

                @Override
                public String literal(String value) {
                    return value;
                }
            });
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("invalid statement: " + e.getMessage());
        }
    }

    private static List<String> list(FieldData f, String name, @Nullable List<String> fallback) {
        return f.has(name) ? f.strings(name) : fallback == null ? List.of() : fallback;
    }

    private static long orZero(@Nullable Long v) {
        return v == null ? 0 : v;
    }
}
