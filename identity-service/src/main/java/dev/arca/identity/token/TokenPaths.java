package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.login.TokenSettings;
import dev.arca.identity.store.IdentityService;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code token} auth method at {@code auth/token/}: create, lookup, renew and revoke, each a
 * path family on the token authority ({@link TokenService}).
 */
@Configuration(proxyBeanMethods = false)
public class TokenPaths {

    private static final String TOKEN_HEADER = "X-Vault-Token";

    private final TokenService tokens;
    private final TokenRoleStore roles;
    private final TokenReaper reaper;
    private final IdentityService identity;

    public TokenPaths(TokenService tokens, TokenRoleStore roles, TokenReaper reaper, IdentityService identity) {
        this.tokens = tokens;
        this.roles = roles;
        this.reaper = reaper;
        this.identity = identity;
    }

    @Bean
    Backend tokenBackend() {
        return Backend.builder("token", Backend.Kind.AUTH)
                .description("token based credentials")
                .builtinMount("auth/token/")
                .receivesClientToken()
                .sudo("accessors", "accessors/", "revoke-orphan*")
                .paths(create("create", false), create("create-orphan", true), create("create/{role_name}", false), lookupSelf(), lookup(),
                        lookupAccessor(), accessors(), renew(), renewSelf(), revoke(), revokeSelf(), revokeAccessor(), revokeOrphan(),
                        roleList(), role(), tidy())
                .build();
    }

    private PathFamily create(String path, boolean orphan) {
        boolean withRole = path.contains("{role_name}");
        PathFamily.Builder b = PathFamily.of(path);
        if (withRole) {
            b.field(Field.path("role_name", "The token role to create the token with."));
        }
        return b
                .field(Field.string("id", "The token's id (root or sudo only); random when empty.").maxLength(TokenService.MAX_NAME))
                .field(TokenSettings.policies("policies", "Policies of the token: a subset of the parent's unless root or sudo."))
                .field(Field.of("meta", FieldType.KV_PAIRS, "Metadata kept with the token and written to the audit log."))
                .field(Field.of("no_parent", FieldType.BOOL, "Create an orphan (root or sudo only)."))
                .field(Field.of("no_default_policy", FieldType.BOOL, "Leave out the default policy."))
                .field(Field.of("renewable", FieldType.BOOL, "Whether the token may be renewed.").withDefault(true))
                .field(Field.of("ttl", FieldType.DURATION, "Time to live."))
                .field(Field.of("explicit_max_ttl", FieldType.DURATION, "A hard limit on the token's life, renewals included."))
                .field(Field.of("period", FieldType.DURATION, "Make a periodic token renewed by this period (root or sudo only)."))
                .field(Field.string("display_name", "Name shown for the token.").maxLength(TokenService.MAX_NAME))
                .field(Field.of("num_uses", FieldType.INT, "Uses before the token is revoked; 0 for unlimited.").range(0, Integer.MAX_VALUE))
                .field(Field.string("type", "Token type: service or batch."))
                .field(Field.string("entity_alias", "Entity alias to attach the token to (with a role that allows it)."))
                .write(r -> respond(r, tokens.create(r.context(), r.fields(), orphan, withRole ? existingRole(r) : null, r.header(TOKEN_HEADER))),
                        withRole ? "Create a token with a role." : orphan ? "Create an orphan token." : "Create a token.")
                .help(withRole ? "Create a token as the role allows." : orphan ? "Create a token without a parent."
                        : "Create a token as a child of the caller's.", "")
                .build();
    }

    private TokenRole existingRole(BackendRequest r) {
        String name = roleName(r);
        return roles.find(name).orElseThrow(() -> VaultException.badRequest("unknown role " + name));
    }

    private static String roleName(BackendRequest r) {
        String n = r.fields().string("role_name").toLowerCase(java.util.Locale.ROOT);
        if (n.isEmpty() || n.length() > 256 || !n.matches("[\\w.@-]+")) {
            throw VaultException.badRequest("invalid role name");
        }
        return n;
    }

    private PathFamily roleList() {
        return PathFamily.of("roles/?")
                .list(r -> r.keys(roles.names()), "List token roles.")
                .help("The token roles.", "")
                .build();
    }

    private PathFamily role() {
        PathFamily.Builder b = PathFamily.of("roles/{role_name}").field(Field.path("role_name", "The role's name."));
        TokenRole.fields().forEach(b::field);
        return b.read(r -> r.ok(roles.find(roleName(r)).orElseThrow(VaultException::notFound).toMap()), "Read a token role.")
                .write(r -> {
                    String name = roleName(r);
                    roles.put(TokenRole.parse(r.fields(), roles.find(name).orElse(TokenRole.empty(name))));
                    return BackendRequest.noContent();
                }, "Create or change a token role.")
                .delete(r -> {
                    roles.delete(roleName(r));
                    return BackendRequest.noContent();
                }, "Delete a token role.")
                .existenceCheck(r -> roles.find(roleName(r)).isPresent())
                .help("A token role: the policies, type, period and limits of the tokens auth/token/create/<role> issues.", "")
                .build();
    }

    private PathFamily tidy() {
        return PathFamily.of("tidy")
                .write(r -> ResponseEntity.accepted().body(r.envelope(null).withWarnings(List.of(reaper.tidyInBackground()
                        ? "Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs."
                        : "Tidy operation already in progress."))), "Remove expired tokens now.")
                .help("Removes expired and used-up tokens (and their children) in the background.", "")
                .build();
    }

    private PathFamily lookupSelf() {
        PathFamily.Handler h = r -> r.ok(view(selfToken(r), tokens.self(r.context(), r.header(TOKEN_HEADER))));
        return PathFamily.of("lookup-self")
                .read(h, "Look up the caller's token.")
                .write(h, "Look up the caller's token.")
                .help("The caller's own token.", "")
                .build();
    }

    private PathFamily lookup() {
        PathFamily.Handler h = r -> {
            String token = required(r, "token");
            TokenEntry e = tokens.lookup(token).orElseThrow(() -> new VaultException(403, "bad token"));
            return r.ok(view(token, e));
        };
        return PathFamily.of("lookup")
                .field(Field.string("token", "The token to look up."))
                .write(h, "Look up a token.")
                .read(h, "Look up a token.")
                .help("Another token's properties.", "")
                .build();
    }

    private PathFamily lookupAccessor() {
        return PathFamily.of("lookup-accessor")
                .field(Field.string("accessor", "The accessor of the token to look up."))
                .write(r -> r.ok(view("", tokens.lookupAccessor(required(r, "accessor"))
                        .orElseThrow(() -> VaultException.badRequest("invalid accessor")))), "Look up a token by accessor.")
                .help("A token's properties by its accessor.", "")
                .build();
    }

    /** Vault's lookup data, with the policies the token's entity and its groups add ({@code identity_policies}). */
    private Map<String, Object> view(String id, TokenEntry e) {
        Map<String, Object> data = TokenViews.lookup(id, e, tokens.now());
        List<String> fromIdentity = identity.identityPolicies(e.entityId());
        if (!fromIdentity.isEmpty()) {
            data.put("identity_policies", fromIdentity);
        }
        return data;
    }

    private PathFamily accessors() {
        return PathFamily.of("accessors/?")
                .list(r -> r.ok(Map.of("keys", tokens.accessors(r.context()))), "List token accessors (sudo).")
                .help("Every token's accessor.", "")
                .build();
    }

    private PathFamily renew() {
        return PathFamily.of("renew")
                .field(Field.string("token", "The token to renew."))
                .field(Field.of("increment", FieldType.DURATION, "The new TTL requested."))
                .write(r -> {
                    String token = required(r, "token");
                    TokenEntry e = tokens.lookup(token).orElseThrow(() -> new VaultException(403, "bad token"));
                    return renewed(r, token, tokens.renew(e, increment(r)));
                }, "Renew a token.")
                .help("Extends a token's life, up to its maximum.", "")
                .build();
    }

    private PathFamily renewSelf() {
        return PathFamily.of("renew-self")
                .field(Field.of("increment", FieldType.DURATION, "The new TTL requested."))
                .write(r -> renewed(r, selfToken(r), tokens.renew(tokens.self(r.context(), r.header(TOKEN_HEADER)), increment(r))),
                        "Renew the caller's token.")
                .help("Extends the caller's token's life, up to its maximum.", "")
                .build();
    }

    private PathFamily revoke() {
        return PathFamily.of("revoke")
                .field(Field.string("token", "The token to revoke with its children."))
                .write(r -> {
                    tokens.revokeToken(required(r, "token"));
                    return BackendRequest.noContent();
                }, "Revoke a token and its children.")
                .help("Revokes a token, every child token and what they created.", "")
                .build();
    }

    private PathFamily revokeSelf() {
        return PathFamily.of("revoke-self")
                .write(r -> {
                    TokenEntry self = tokens.self(r.context(), r.header(TOKEN_HEADER));
                    if (self.type().equals("batch")) {
                        throw VaultException.badRequest("batch tokens cannot be revoked");
                    }
                    tokens.revokeTree(self.accessor());
                    return BackendRequest.noContent();
                }, "Revoke the caller's token and its children.")
                .help("Revokes the caller's own token.", "")
                .build();
    }

    private PathFamily revokeAccessor() {
        return PathFamily.of("revoke-accessor")
                .field(Field.string("accessor", "The accessor of the token to revoke."))
                .write(r -> {
                    tokens.revokeAccessor(required(r, "accessor"));
                    return BackendRequest.noContent();
                }, "Revoke a token by accessor.")
                .help("Revokes a token and its children by the token's accessor.", "")
                .build();
    }

    private PathFamily revokeOrphan() {
        return PathFamily.of("revoke-orphan")
                .field(Field.string("token", "The token to revoke; its children become orphans."))
                .write(r -> {
                    tokens.revokeOrphan(r.context(), r.fields().string("token"));
                    return BackendRequest.noContent();
                }, "Revoke a token, keeping its children as orphans (sudo).")
                .help("Revokes a token without its children.", "")
                .build();
    }

    private static String selfToken(BackendRequest r) {
        String t = r.header(TOKEN_HEADER);
        return t == null ? "" : t;
    }

    private static long increment(BackendRequest r) {
        Long inc = r.fields().duration("increment");
        return inc == null ? 0 : inc;
    }

    private static String required(BackendRequest r, String field) {
        String v = r.fields().string(field);
        if (v.isEmpty()) {
            throw VaultException.badRequest("missing " + field);
        }
        return v;
    }

    private static ResponseEntity<VaultResponse> respond(BackendRequest r, TokenService.Created c) {
        return ResponseEntity.ok(r.envelope(null).withAuth(TokenViews.auth(c.id(), c.entry(), c.entry().creationTtl()))
                .withWarnings(c.warnings()));
    }

    private static ResponseEntity<VaultResponse> renewed(BackendRequest r, String token, TokenService.Renewed renewed) {
        return ResponseEntity.ok(r.envelope(null).withAuth(TokenViews.auth(token, renewed.entry(), renewed.ttl()))
                .withWarnings(renewed.warnings()));
    }

}
