package dev.arca.identity.approle;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.net.Cidrs;
import dev.arca.identity.approle.RoleStore.SecretId;
import dev.arca.identity.approle.RoleStore.Stored;
import dev.arca.identity.login.LoginTokens;
import dev.arca.identity.login.TokenSettings;
import dev.arca.identity.token.TokenHasher;
import dev.arca.identity.token.TokenService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code approle} auth method: roles with a role id, secret ids generated for them (kept only as
 * keyed hashes), and {@code login} with both. Every failed login answers the same.
 */
@Configuration(proxyBeanMethods = false)
public class AppRoleBackend {

    private static final String INVALID = "invalid role or secret ID";
    private static final String ROLE = "role/{role_name}";

    private final RoleStore roles;
    private final TokenHasher hasher;
    private final TransactionTemplate tx;
    private final LoginTokens logins;

    public AppRoleBackend(RoleStore roles, TokenHasher hasher, TransactionTemplate tx, LoginTokens logins) {
        this.roles = roles;
        this.hasher = hasher;
        this.tx = tx;
        this.logins = logins;
    }

    @Bean
    Backend approle() {
        PathFamily.Builder role = PathFamily.of(ROLE)
                .field(Field.path("role_name", "The role's name."))
                .field(Field.of("bind_secret_id", FieldType.BOOL, "Whether a login needs a secret id.").withDefault(true))
                .field(Field.of("secret_id_num_uses", FieldType.INT, "Logins a secret id allows; 0 for unlimited.").range(0, Integer.MAX_VALUE))
                .field(Field.of("secret_id_ttl", FieldType.DURATION, "How long a secret id lives; 0 for ever."))
                .field(Field.of("secret_id_bound_cidrs", FieldType.COMMA_STRING_SLICE, "Client addresses allowed to use secret ids."))
                .field(Field.of("local_secret_ids", FieldType.BOOL, "Secret ids local to this cluster."))
                .field(TokenSettings.policies("policies", "Older name of token_policies."));
        TokenSettings.fields().forEach(role::field);
        return Backend.builder("approle", Backend.Kind.AUTH)
                .description("AppRole credentials for machines and applications")
                .unauthenticated("login")
                .paths(PathFamily.of("role/?").list(r -> r.keys(roles.names(r.mountAccessor())), "List roles.").help("The roles.", "").build(),
                        role.read(this::readRole, "Read a role.").write(this::writeRole, "Create or change a role.")
                                .delete(r -> {
                                    roles.delete(r.mountAccessor(), name(r));
                                    return BackendRequest.noContent();
                                }, "Delete a role and its secret ids.")
                                .existenceCheck(r -> roles.role(r.mountAccessor(), name(r)).isPresent())
                                .help("A role: how its secret ids and tokens behave.", "").build(),
                        PathFamily.of(ROLE + "/role-id")
                                .field(Field.path("role_name", "The role's name."))
                                .field(Field.string("role_id", "A role id of your choice."))
                                .read(r -> r.ok(Map.of("role_id", existing(r).roleId())), "Read the role id.")
                                .write(this::writeRoleId, "Set the role id.")
                                .help("The role's id, the public half of a login.", "").build(),
                        PathFamily.of(ROLE + "/secret-id/?")
                                .field(Field.path("role_name", "The role's name."))
                                .field(Field.of("metadata", FieldType.MAP, "String pairs kept with the secret id and given to its tokens."))
                                .field(Field.of("num_uses", FieldType.INT, "Logins this secret id allows.").range(0, Integer.MAX_VALUE))
                                .field(Field.of("ttl", FieldType.DURATION, "How long this secret id lives."))
                                .field(Field.of("cidr_list", FieldType.COMMA_STRING_SLICE, "Client addresses allowed to use it."))
                                .field(Field.of("token_bound_cidrs", FieldType.COMMA_STRING_SLICE, "Bound CIDRs of the tokens it logs in to."))
                                .write(r -> issueSecretId(r, UUID.randomUUID().toString()), "Generate a secret id.")
                                .list(r -> r.keys(roles.accessors(r.mountAccessor(), existing(r).name())), "List the accessors of secret ids.")
                                .help("Secret ids of the role.", "").build(),
                        PathFamily.of(ROLE + "/custom-secret-id")
                                .field(Field.path("role_name", "The role's name."))
                                .field(Field.string("secret_id", "The secret id to use.").asRequired())
                                .field(Field.of("metadata", FieldType.MAP, "String pairs kept with the secret id and given to its tokens."))
                                .field(Field.of("num_uses", FieldType.INT, "Logins this secret id allows.").range(0, Integer.MAX_VALUE))
                                .field(Field.of("ttl", FieldType.DURATION, "How long this secret id lives."))
                                .field(Field.of("cidr_list", FieldType.COMMA_STRING_SLICE, "Client addresses allowed to use it."))
                                .field(Field.of("token_bound_cidrs", FieldType.COMMA_STRING_SLICE, "Bound CIDRs of the tokens it logs in to."))
                                .write(r -> issueSecretId(r, r.fields().string("secret_id")), "Register a secret id of your choice.")
                                .help("A secret id chosen by the caller.", "").build(),
                        lookupOrDestroy("secret-id", "secret_id"),
                        lookupOrDestroy("secret-id-accessor", "secret_id_accessor"),
                        PathFamily.of("tidy/secret-id")
                                .write(r -> {
                                    roles.tidy(r.mountAccessor(), System.currentTimeMillis());
                                    return BackendRequest.noContent();
                                }, "Remove expired secret ids.")
                                .help("Removes expired secret ids.", "").build(),
                        PathFamily.of("login")
                                .field(Field.string("role_id", "The role's id."))
                                .field(Field.string("secret_id", "A secret id of the role."))
                                .write(this::login, "Log in with a role id and a secret id.")
                                .help("Log in: the answer's auth block carries the token.", "").build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        roles.deleteMount(mount.accessor());
                    }
                })
                .build();
    }

    /** {@code secret-id/lookup|destroy} by the id, or {@code secret-id-accessor/lookup|destroy} by its accessor. */
    private PathFamily lookupOrDestroy(String kind, String field) {
        PathFamily.Handler destroy = r -> {
            found(r, kind, field).ifPresent(s -> roles.deleteSecretId(r.mountAccessor(), s.accessor()));
            return BackendRequest.noContent();
        };
        return PathFamily.of(ROLE + "/" + kind + "/{action}")
                .field(Field.path("role_name", "The role's name."))
                .field(Field.path("action", "lookup or destroy."))
                .field(Field.string(field, "The secret id" + (field.endsWith("accessor") ? "'s accessor." : ".")))
                .write(r -> switch (r.fields().string("action")) {
                    case "lookup" -> found(r, kind, field).<ResponseEntity<?>>map(s -> r.ok(view(s)))
                            .orElseGet(() -> BackendRequest.noContent());
                    case "destroy" -> destroy.handle(r);
                    default -> throw VaultException.unsupportedPath(r.context().path());
                }, "Look up or destroy a secret id.")
                .delete(destroy, "Destroy a secret id.")
                .help("One secret id of the role.", "").build();
    }

    private java.util.Optional<SecretId> found(BackendRequest r, String kind, String field) {
        Stored role = existing(r);
        String value = r.fields().string(field);
        if (value.isEmpty()) {
            throw VaultException.badRequest("missing " + field);
        }
        return kind.equals("secret-id") ? roles.secretId(r.mountAccessor(), role.name(), hasher.hash(value), false)
                : roles.byAccessor(r.mountAccessor(), role.name(), value);
    }

    private ResponseEntity<?> readRole(BackendRequest r) {
        Role role = existing(r).role();
        Map<String, Object> data = new LinkedHashMap<>(role.token().toMap());
        data.put("bind_secret_id", role.bindSecretId());
        data.put("local_secret_ids", role.localSecretIds());
        data.put("policies", role.token().policies());
        data.put("secret_id_bound_cidrs", role.secretIdBoundCidrs());
        data.put("secret_id_num_uses", role.secretIdNumUses());
        data.put("secret_id_ttl", role.secretIdTtl());
        return r.ok(data);
    }

    private ResponseEntity<?> writeRole(BackendRequest r) {
        FieldData f = r.fields();
        Stored old = roles.role(r.mountAccessor(), name(r)).orElse(null);
        Role base = old == null ? Role.DEFAULT : old.role();
        TokenSettings token = TokenSettings.parse(f, base.token());
        if (f.has("policies") && !f.has("token_policies")) {
            token = token.withPolicies(f.strings("policies"));
        }
        Role role = new Role(f.has("bind_secret_id") ? f.bool("bind_secret_id", true) : base.bindSecretId(),
                f.has("secret_id_num_uses") ? f.integer("secret_id_num_uses") : base.secretIdNumUses(),
                f.has("secret_id_ttl") ? f.duration("secret_id_ttl") : base.secretIdTtl(),
                old == null ? f.bool("local_secret_ids", false) : base.localSecretIds(), token,
                f.has("secret_id_bound_cidrs") ? Cidrs.check(f.strings("secret_id_bound_cidrs"), "secret_id_bound_cidrs")
                        : base.secretIdBoundCidrs());
        if (!role.bindSecretId() && role.secretIdBoundCidrs().isEmpty() && token.boundCidrs().isEmpty()) {
            // Without a secret id anyone holding the role id would log in, unless the addresses are bound.
            throw VaultException.badRequest("at least one constraint should be enabled on the role");
        }
        roles.save(r.mountAccessor(), new Stored(name(r), old == null ? UUID.randomUUID().toString() : old.roleId(), role));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> writeRoleId(BackendRequest r) {
        Stored s = existing(r);
        String roleId = r.fields().string("role_id");
        if (roleId.isBlank() || roleId.length() > 4096) {
            throw VaultException.badRequest("missing role_id");
        }
        if (!roles.save(r.mountAccessor(), new Stored(s.name(), roleId, s.role()))) {
            throw VaultException.badRequest("role_id already in use");
        }
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> issueSecretId(BackendRequest r, String secretId) {
        Stored s = existing(r);
        FieldData f = r.fields();
        List<String> cidrs = within(Cidrs.check(f.strings("cidr_list"), "cidr_list"), s.role().secretIdBoundCidrs(),
                "failed to verify the CIDR restrictions set on the secret ID");
        List<String> tokenCidrs = within(Cidrs.check(f.strings("token_bound_cidrs"), "token_bound_cidrs"), s.role().token().boundCidrs(),
                "failed to verify the token bound CIDR restrictions set on the secret ID");
        if (secretId.isEmpty() || secretId.length() > 4096) {
            throw VaultException.badRequest("missing secret_id");
        }
        Integer uses = f.integer("num_uses");
        Long ttlField = f.duration("ttl");
        int numUses = uses == null ? s.role().secretIdNumUses() : uses;
        long ttl = ttlField == null ? s.role().secretIdTtl() : ttlField;
        if (s.role().secretIdTtl() > 0 && (ttl == 0 || ttl > s.role().secretIdTtl())) {
            ttl = s.role().secretIdTtl();
        }
        if (s.role().secretIdNumUses() > 0 && (numUses == 0 || numUses > s.role().secretIdNumUses())) {
            numUses = s.role().secretIdNumUses();
        }
        Map<String, String> metadata = f.has("metadata") ? dev.arca.core.backend.Coerce.pairs(f.object("metadata"), "metadata") : Map.of();
        long now = System.currentTimeMillis();
        SecretId record = new SecretId(s.name(), UUID.randomUUID().toString(), metadata, numUses, ttl, now, ttl == 0 ? 0 : now + ttl * 1000,
                cidrs, tokenCidrs);
        try {
            roles.addSecretId(r.mountAccessor(), hasher.hash(secretId), record);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw VaultException.badRequest("secret_id already in use");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("secret_id", secretId);
        data.put("secret_id_accessor", record.accessor());
        data.put("secret_id_num_uses", numUses);
        data.put("secret_id_ttl", ttl);
        return r.ok(data);
    }

    private ResponseEntity<?> login(BackendRequest r) {
        String roleId = r.fields().string("role_id");
        String secretId = r.fields().string("secret_id");
        // The hash is taken whatever happens, so a wrong role id costs what a wrong secret id does.
        byte[] hash = hasher.hash(secretId);
        // The secret id is checked and its use spent in one transaction; the token is issued after it commits.
        Grant grant = tx.execute(t -> {
            String client = r.context().clientAddress();
            Stored role = roles.byRoleId(r.mountAccessor(), roleId)
                    .filter(found -> Cidrs.allows(found.role().secretIdBoundCidrs(), client)).orElseThrow(() -> VaultException.badRequest(INVALID));
            Map<String, String> meta = new LinkedHashMap<>();
            TokenSettings settings = role.role().token();
            if (role.role().bindSecretId()) {
                SecretId s = roles.secretId(r.mountAccessor(), role.name(), hash, false).orElseThrow(() -> VaultException.badRequest(INVALID));
                if (s.numUses() > 0) {
                    // uses are counted: read again under the row's lock, so that concurrent logins spend one use each
                    s = roles.secretId(r.mountAccessor(), role.name(), hash, true).orElseThrow(() -> VaultException.badRequest(INVALID));
                }
                // An unlimited secret id is not locked: it never changes, so a login that read it before a
                // concurrent destroy committed is a login that came before the destroy (as Vault's read lock).
                if (secretId.isEmpty() || (s.expireMs() > 0 && s.expireMs() <= System.currentTimeMillis()) || !Cidrs.allows(s.cidrList(), client)) {
                    throw VaultException.badRequest(INVALID);
                }
                roles.use(r.mountAccessor(), s.accessor(), s.numUses());
                meta.putAll(s.metadata());
                if (!s.tokenBoundCidrs().isEmpty()) {
                    settings = settings.withBoundCidrs(s.tokenBoundCidrs());
                }
            }
            meta.put("role_name", role.name());
            return new Grant(settings, meta, role.name());
        });
        if (grant == null) {
            throw VaultException.badRequest(INVALID);
        }
        TokenService.Created created = logins.issue(r.context(), grant.settings(), "approle", grant.meta(), roleId,
                Map.of("role_name", grant.roleName()));
        return logins.answer(r, created);
    }

    /** What a successful check of the ids grants: the token's settings and metadata. */
    private record Grant(TokenSettings settings, Map<String, String> meta, String roleName) {
    }

    private Stored existing(BackendRequest r) {
        String n = name(r);
        return roles.role(r.mountAccessor(), n).orElseThrow(() -> VaultException.badRequest("role \"" + n + "\" does not exist"));
    }

    private static String name(BackendRequest r) {
        String n = r.fields().string("role_name").toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 256 || !n.matches("[\\w.@-]+")) {
            throw VaultException.badRequest("invalid role name");
        }
        return n;
    }

    /** The blocks of a secret id, each inside one of the role's (when the role has any). */
    private static List<String> within(List<String> blocks, List<String> roleBlocks, String message) {
        if (!roleBlocks.isEmpty() && !blocks.stream().allMatch(b -> Cidrs.within(b, roleBlocks))) {
            throw VaultException.badRequest(message);
        }
        return blocks;
    }

    private static Map<String, Object> view(SecretId s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("cidr_list", s.cidrList());
        d.put("creation_time", Instant.ofEpochMilli(s.createdMs()).toString());
        d.put("expiration_time", s.expireMs() == 0 ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(s.expireMs()).toString());
        d.put("last_updated_time", Instant.ofEpochMilli(s.createdMs()).toString());
        d.put("metadata", s.metadata());
        d.put("secret_id_accessor", s.accessor());
        d.put("secret_id_num_uses", s.numUses());
        d.put("secret_id_ttl", s.ttl());
        d.put("token_bound_cidrs", s.tokenBoundCidrs());
        return d;
    }
}
