package dev.arca.identity.ldap;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.ldap.LdapConfigStore.Secrets;
import dev.arca.identity.ldap.LdapConfigStore.Stored;
import dev.arca.identity.ldap.LdapMappingStore.Kind;
import dev.arca.identity.ldap.LdapMappingStore.Mapping;
import dev.arca.identity.login.LoginTokens;
import dev.arca.identity.login.TokenSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code ldap} auth method: the mount's {@code config} (where the directory is, how users and
 * groups are found), {@code users/<name>} and {@code groups/<name>} mapping directory users and
 * groups to policies, and {@code login/<username>} with the user's directory password.
 */
@Configuration(proxyBeanMethods = false)
public class LdapBackend {

    static final String NULL_BIND = "password cannot be of zero length when passwordless binds are being denied";
    private static final int MAX_NAME = 256;
    private static final int MAX_PASSWORD_BYTES = 4096;

    private final LdapConfigStore configs;
    private final LdapMappingStore mappings;
    private final LoginTokens logins;

    public LdapBackend(LdapConfigStore configs, LdapMappingStore mappings, LoginTokens logins) {
        this.configs = configs;
        this.mappings = mappings;
        this.logins = logins;
    }

    @Bean
    Backend ldap() {
        PathFamily.Builder config = PathFamily.of("config");
        LdapConfig.fields().forEach(config::field);
        return Backend.builder("ldap", Backend.Kind.AUTH)
                .description("LDAP directory users and groups")
                .unauthenticated("login/*")
                .paths(config.read(r -> r.ok(configs.find(r.mountAccessor()).map(Stored::config).orElse(LdapConfig.DEFAULT).toMap()),
                                        "Read the configuration (without the bind password or the client key).")
                                .write(this::writeConfig, "Configure the directory and the tokens of logins.")
                                .help("How the directory is reached and searched.", "")
                                .build(),
                        mappingList(Kind.USERS, "List the users mapped to policies."),
                        mapping(Kind.USERS, PathFamily.of("users/{name}")
                                .field(Field.path("name", "The user's name."))
                                .field(Field.of("groups", FieldType.COMMA_STRING_SLICE,
                                        "Groups the user belongs to beyond the directory's.").maxLength(MAX_NAME))
                                .field(TokenSettings.policies("policies", "Policies of the user's logins."))),
                        mappingList(Kind.GROUPS, "List the groups mapped to policies."),
                        mapping(Kind.GROUPS, PathFamily.of("groups/{name}")
                                .field(Field.path("name", "The group's name."))
                                .field(TokenSettings.policies("policies", "Policies of the group's members' logins."))),
                        PathFamily.of("login/{username}")
                                .field(Field.path("username", "The user's name in the directory."))
                                .field(Field.string("password", "The user's directory password."))
                                .write(this::login, "Log in with a directory username and password.")
                                .help("Log in: the answer's auth block carries the token.", "")
                                .build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        configs.deleteMount(mount.accessor());
                        mappings.deleteMount(mount.accessor());
                    }
                })
                .build();
    }

    private ResponseEntity<?> writeConfig(BackendRequest r) {
        FieldData f = r.fields();
        Stored existing = configs.find(r.mountAccessor()).orElse(new Stored(LdapConfig.DEFAULT, Secrets.NONE));
        LdapConfig cfg = LdapConfig.parse(f, existing.config());
        Secrets secrets = new Secrets(f.has("bindpass") ? f.string("bindpass") : existing.secrets().bindpass(),
                f.has("client_tls_key") ? f.string("client_tls_key") : existing.secrets().clientTlsKey());
        if (cfg.clientTlsCert().isBlank() != secrets.clientTlsKey().isBlank()) {
            throw VaultException.badRequest("both client_tls_cert and client_tls_key must be set");
        }
        if (!secrets.clientTlsKey().isBlank()) {
            LdapTls.privateKey(secrets.clientTlsKey());
            LdapTls.certificates(cfg.clientTlsCert());
        }
        configs.save(r.mountAccessor(), new Stored(cfg, secrets));
        return BackendRequest.noContent();
    }

    private PathFamily mappingList(Kind kind, String summary) {
        return PathFamily.of(kind.column() + "/?")
                .list(r -> r.keys(mappings.names(r.mountAccessor(), kind)), summary)
                .help("The " + kind.column() + " of this mount that map to policies.", "")
                .build();
    }

    private PathFamily mapping(Kind kind, PathFamily.Builder family) {
        return family.read(r -> read(r, kind), "Read the policies it maps to.")
                .write(r -> write(r, kind), "Map it to policies.")
                .delete(r -> {
                    mappings.delete(r.mountAccessor(), kind, name(r, "name"));
                    return BackendRequest.noContent();
                }, "Remove the mapping.")
                .existenceCheck(r -> mappings.find(r.mountAccessor(), kind, name(r, "name")).isPresent())
                .help("Policies that a directory " + (kind == Kind.USERS ? "user" : "group") + " logs in with.", "")
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r, Kind kind) {
        Mapping m = mappings.find(r.mountAccessor(), kind, name(r, "name")).orElseThrow(VaultException::notFound);
        return r.ok(kind == Kind.USERS ? Map.of("groups", String.join(",", m.groups()), "policies", m.policies())
                : Map.of("policies", m.policies()));
    }

    private ResponseEntity<?> write(BackendRequest r, Kind kind) {
        String name = name(r, "name");
        Function<String, String> canonical = canonical(r);
        List<String> groups = kind == Kind.USERS ? distinct(r.fields().strings("groups"), canonical) : List.of();
        List<String> policies = new ArrayList<>(new TreeSet<>(distinct(r.fields().strings("policies"), p -> p.toLowerCase(java.util.Locale.ROOT))));
        mappings.save(r.mountAccessor(), kind, canonical.apply(name), new Mapping(policies, groups));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> login(BackendRequest r) {
        String username = name(r, "username");
        String password = r.fields().string("password");
        Stored stored = configs.find(r.mountAccessor()).orElseThrow(() -> VaultException.badRequest("ldap backend not configured"));
        LdapConfig cfg = stored.config();
        if (cfg.denyNullBind() && password.isEmpty()) {
            throw VaultException.badRequest(NULL_BIND);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw VaultException.badRequest(LdapDirectory.BIND_FAILED);
        }
        LdapDirectory.Login found = LdapDirectory.login(stored, username, password);

        Function<String, String> canonical = cfg.canonical();
        Mapping user = mappings.find(r.mountAccessor(), Kind.USERS, canonical.apply(username)).orElse(null);
        Set<String> groups = new LinkedHashSet<>(user == null ? List.of() : user.groups());
        groups.addAll(found.groups());
        Set<String> policies = new LinkedHashSet<>(cfg.token().policies());
        mappings.findAll(r.mountAccessor(), Kind.GROUPS, distinct(List.copyOf(groups), canonical))
                .forEach(g -> policies.addAll(g.policies()));
        if (user != null) {
            policies.addAll(user.policies());
        }
        List<String> warnings = found.groups().isEmpty()
                ? List.of("no LDAP groups found in groupDN \"" + cfg.groupdn() + "\"; only policies from locally-defined groups available")
                : List.of();
        return logins.answer(r, logins.issue(r.context(), cfg.token().withPolicies(List.copyOf(policies)), "ldap-" + username,
                Map.of("username", username), found.alias(), Map.of("name", username)), warnings);
    }

    /** How the mount compares names; lower-cased, as Vault does, before it is configured. */
    private Function<String, String> canonical(BackendRequest r) {
        return configs.find(r.mountAccessor()).map(Stored::config).orElse(LdapConfig.DEFAULT).canonical();
    }

    private static List<String> distinct(List<String> values, Function<String, String> canonical) {
        return List.copyOf(new LinkedHashSet<>(values.stream().map(canonical).toList()));
    }

    private static String name(BackendRequest r, String field) {
        String n = r.fields().string(field);
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw VaultException.badRequest(field.equals("username") ? LdapDirectory.BIND_FAILED : "invalid name");
        }
        return n;
    }
}
