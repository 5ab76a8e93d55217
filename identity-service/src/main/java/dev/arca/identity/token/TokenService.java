package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.identity.login.TokenSettings;
import dev.arca.core.lease.Ttl;
import dev.arca.identity.policy.PolicyStore;
import dev.arca.core.backend.FieldData;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The token authority: creation with Vault's parent/child rules, resolution for the gateway (expiry,
 * use counts), renewal and revocation of whole trees. Every revocation publishes
 * {@code token:<accessor>} for each token removed, and records it for lease-service, in the same transaction.
 */
@Service
public class TokenService {

    /** Vault's system default and maximum TTL: 768h. */
    static final long DEFAULT_TTL = Ttl.SYSTEM_DEFAULT;
    static final long MAX_TTL = Ttl.SYSTEM_MAX;

    private final TokenStore store;
    private final TokenHasher hasher;
    private final PolicyStore policies;
    private final Invalidations invalidations;
    private final TokenRevocations revocations;
    private final Clock clock;

    public TokenService(TokenStore store, TokenHasher hasher, PolicyStore policies, Invalidations invalidations,
            TokenRevocations revocations) {
        this.store = store;
        this.hasher = hasher;
        this.policies = policies;
        this.invalidations = invalidations;
        this.revocations = revocations;
        this.clock = Clock.systemUTC();
    }

    /** A token just made, with its id: the only moment the id exists outside the caller. */
    public record Created(String id, TokenEntry entry, List<String> warnings) {
    }

    /** The result of a renewal. */
    public record Renewed(TokenEntry entry, long ttl, List<String> warnings) {
    }

    long now() {
        return clock.millis();
    }

    /** {@code /internal/tokens/root}: a root token, with a chosen id (dev mode) or a random one. */
    @Transactional
    public Created createRoot(@Nullable String chosenId) {
        String id = chosenId == null || chosenId.isBlank() ? TokenIds.token() : chosenId;
        byte[] hash = hasher.hash(id);
        // A chosen id that already exists is replaced, never upgraded in place.
        store.byHash(hash, true).ifPresent(old -> revokeTree(old.accessor()));
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hash, null, List.of("root"), null, "root", "auth/token/root",
                "", 0, now(), 0, 0, 0, 0, false, true, 0, "service");
        store.insert(e);
        return new Created(id, e, List.of());
    }

    /** {@code /internal/tokens/resolve}: empty for an unknown, expired or used-up token. */
    @Transactional
    public Optional<TokenEntry> resolve(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenEntry> found = store.byHash(hasher.hash(token), true);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TokenEntry e = found.get();
        if (e.expiredAt(now())) {
            revokeTree(e.accessor());
            return Optional.empty();
        }
        if (e.numUses() == SPENT) {
            return Optional.empty();
        }
        if (e.numUses() == 1) {
            // The last permitted use: the token serves this one call (which may ask about the token itself
            // or create a child) and is revoked with its children when the call ends (revokeSpent), or by
            // the reaper if this process dies first.
            store.markSpent(e.accessor());
        } else if (e.numUses() > 1) {
            store.decrementUses(e.accessor());
        }
        return found;
    }

    /** {@code num_uses} of a token whose last use is under way: it resolves no more and is revoked when that call ends. */
    static final int SPENT = -1;

    /** Revokes a token whose last use has ended (and its children), as Vault does after the request. */
    @Transactional
    public void revokeSpent(String accessor) {
        store.byAccessor(accessor, true).filter(e -> e.numUses() == SPENT).ifPresent(e -> revokeTree(e.accessor()));
    }

    /** The caller's own token: found by the gateway-vouched accessor, checked against X-Vault-Token when sent. */
    // One statement each: no transaction needed (and none paid for on every lookup-self).
    public TokenEntry self(RequestContext ctx, @Nullable String token) {
        TokenEntry e = store.byAccessor(ctx.tokenAccessor(), false).orElseThrow(VaultException::permissionDenied);
        if (token != null && !token.isEmpty() && !MessageDigest.isEqual(hasher.hash(token), e.hash())) {
            throw VaultException.permissionDenied();
        }
        if (e.expiredAt(now())) {
            throw VaultException.permissionDenied();
        }
        return e;
    }

    public Optional<TokenEntry> lookup(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return store.byHash(hasher.hash(token), false).filter(e -> !e.expiredAt(now()) && e.numUses() != SPENT);
    }

    public Optional<TokenEntry> lookupAccessor(String accessor) {
        return store.byAccessor(accessor, false).filter(e -> !e.expiredAt(now()) && e.numUses() != SPENT);
    }

    @Transactional(readOnly = true)
    public List<String> accessors(RequestContext ctx) {
        requireSudo(ctx, "root or sudo privileges required to list accessors");
        return store.accessors();
    }

    /** {@code auth/token/create} and {@code create-orphan}. */
    @Transactional
    public Created create(RequestContext ctx, FieldData body, boolean orphanEndpoint) {
        // locked against a concurrent revoke of the parent (see TokenStore.deleteTree)
        TokenEntry parent = store.byAccessorLockedForChild(ctx.tokenAccessor()).filter(p -> !p.expiredAt(now()))
                .orElseThrow(VaultException::permissionDenied);
        boolean parentRoot = parent.isRoot();
        boolean sudo = parentRoot || policies.acl(parent.policies()).hasSudo(ctx.path());
        boolean noParent = body.bool("no_parent", false);
        if (noParent && !orphanEndpoint && !sudo) {
            throw VaultException.badRequest("root or sudo privileges required to create orphan token");
        }
        String type = body.string("type");
        if (!type.isEmpty() && !type.equals("service") && !type.equals("default")) {
            throw VaultException.badRequest("unsupported token type \"" + type.replaceAll("[^a-z-]", "") + "\": only service tokens are available");
        }
        Integer uses = body.integer("num_uses");
        int numUses = uses == null ? 0 : uses;
        String id = body.string("id");
        if (!id.isEmpty() && !sudo) {
            throw VaultException.badRequest("root or sudo privileges required to specify token id");
        }

        List<String> requested = sanitize(body.strings("policies"));
        if (requested.isEmpty()) {
            requested = sanitize(parent.policies());
        }
        if (requested.contains("root") && !parentRoot) {
            throw VaultException.badRequest("root tokens may not be created without parent token being root");
        }
        if (!sudo) {
            for (String p : requested) {
                if (!p.equals("default") && !parent.policies().contains(p)) {
                    throw VaultException.badRequest("child policies must be subset of parent");
                }
            }
        }
        boolean noDefault = body.bool("no_default_policy", false);
        TreeSet<String> finalPolicies = new TreeSet<>(requested);
        if (finalPolicies.contains("root")) {
            finalPolicies.clear();
            finalPolicies.add("root");
        } else if (!noDefault) {
            finalPolicies.add("default");
        } else {
            finalPolicies.remove("default");
        }
        List<String> warnings = new ArrayList<>();
        for (String p : policies.missing(finalPolicies)) {
            warnings.add("Policy \"" + p + "\" does not exist");
        }

        long period = orZero(body.duration("period"));
        long explicitMax = orZero(body.duration("explicit_max_ttl"));
        long ttl = orZero(body.duration("ttl"));
        if (period > 0 && !sudo) {
            throw VaultException.badRequest("root or sudo privileges required to create periodic token");
        }
        long now = now();
        boolean neverExpires = finalPolicies.contains("root") && parent.expireMs() == 0 && explicitMax == 0;
        boolean orphan = noParent || orphanEndpoint;
        Ttl.Result granted = Ttl.issue(ttl, Ttl.Limits.system(neverExpires ? 0 : DEFAULT_TTL, MAX_TTL)
                .explicitMax(explicitMax).period(period), now, orphan ? 0 : parent.expireMs());
        warnings.addAll(granted.warnings());
        ttl = granted.ttl();
        long expireMs = granted.expireMs();

        String displayName = displayName(body.string("display_name"));
        Map<String, String> meta = body.pairs("meta");
        String token = id.isEmpty() ? TokenIds.token() : id;
        byte[] hash = hasher.hash(token);
        // A random id cannot collide; a chosen one may (and the unique hash column backs this check).
        if (!id.isEmpty() && store.byHash(hash, false).isPresent()) {
            throw VaultException.badRequest("cannot create a token with a duplicate ID");
        }
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hash, orphan ? null : parent.accessor(),
                List.copyOf(finalPolicies), meta.isEmpty() ? null : meta, displayName,
                // a child belongs to its parent's entity, as in Vault: disabling the entity reaches it too
                orphanEndpoint ? "auth/token/create-orphan" : "auth/token/create", parent.entityId(), numUses, now, ttl,
                expireMs, explicitMax, period, body.bool("renewable", true), orphan, 0, "service");
        store.insert(e);
        return new Created(token, e, warnings);
    }

    /** {@code auth/token/renew} and {@code renew-self}. */
    @Transactional
    public Renewed renew(TokenEntry current, long increment) {
        TokenEntry e = store.byAccessor(current.accessor(), true).orElseThrow(VaultException::permissionDenied);
        long now = now();
        if (e.expiredAt(now)) {
            throw VaultException.permissionDenied();
        }
        if (!e.renewable()) {
            throw VaultException.badRequest("lease is not renewable");
        }
        if (e.expireMs() == 0 && e.period() == 0) {
            return new Renewed(e, 0, List.of());
        }
        long parentExpireMs = e.parentAccessor() == null ? 0
                : store.byAccessor(e.parentAccessor(), false).map(TokenEntry::expireMs).orElse(0L);
        Ttl.Result granted = Ttl.renew(increment, Ttl.Limits.system(DEFAULT_TTL, MAX_TTL).explicitMax(e.explicitMaxTtl())
                .period(e.period()), e.creationMs(), now, parentExpireMs);
        List<String> warnings = new ArrayList<>(granted.warnings());
        long ttl = granted.ttl();
        long expireMs = granted.expireMs();
        store.renew(e.accessor(), expireMs, now);
        // the gateway caches expire_time: make it re-resolve
        invalidations.publish("token", e.accessor());
        TokenEntry renewed = new TokenEntry(e.accessor(), e.hash(), e.parentAccessor(), e.policies(), e.meta(),
                e.displayName(), e.path(), e.entityId(), e.numUses(), e.creationMs(), e.creationTtl(), expireMs,
                e.explicitMaxTtl(), e.period(), e.renewable(), e.orphan(), now, e.type());
        return new Renewed(renewed, ttl, warnings);
    }

    /** Revokes a token and all its descendants; publishes one invalidation per token. */
    @Transactional
    public List<String> revokeTree(String accessor) {
        List<String> revoked = store.deleteTree(accessor);
        for (String a : revoked) {
            invalidations.publish("token", a);
        }
        // the leases these tokens issued are revoked by lease-service, from this durable record
        revocations.record(revoked, now());
        return revoked;
    }

    @Transactional
    public void revokeToken(String token) {
        if (!token.isEmpty()) {
            store.byHash(hasher.hash(token), true).ifPresent(e -> revokeTree(e.accessor()));
        }
    }

    @Transactional
    public void revokeAccessor(String accessor) {
        TokenEntry e = store.byAccessor(accessor, true).orElseThrow(() -> VaultException.badRequest("invalid accessor"));
        revokeTree(e.accessor());
    }

    /** {@code auth/token/revoke-orphan}: the token goes, its children become orphans. Needs root or sudo. */
    @Transactional
    public void revokeOrphan(RequestContext ctx, String token) {
        requireSudo(ctx, "root or sudo privileges required to revoke and orphan");
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        Optional<TokenEntry> e = store.byHash(hasher.hash(token), true);
        if (e.isPresent() && store.deleteOrphaningChildren(e.get().accessor())) {
            invalidations.publish("token", e.get().accessor());
            revocations.record(List.of(e.get().accessor()), now());
        }
    }

    /** Removes expired tokens (and their descendants); returns how many were removed. */
    @Transactional
    public int reapExpired(int limit) {
        int n = 0;
        for (String accessor : store.expired(now(), limit)) {
            n += revokeTree(accessor).size();
        }
        return n;
    }

    private void requireSudo(RequestContext ctx, String message) {
        TokenEntry caller = store.byAccessor(ctx.tokenAccessor(), false).orElseThrow(VaultException::permissionDenied);
        if (!caller.isRoot() && !policies.acl(caller.policies()).hasSudo(ctx.path())) {
            throw new VaultException(403, message);
        }
    }

    /**
     * A token for a login through an auth method: an orphan with the method's {@code token_*} settings,
     * its TTL capped by the mount's tune and the system maximum as Vault caps it.
     *
     * @param path the login path, e.g. {@code auth/userpass/login/alice}
     */
    public Created issueForLogin(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String path) {
        return issueForLogin(ctx, settings, displayName, metadata, path, "");
    }

    /** A login token attached to an entity ({@code entity_id}): the entity's and its groups' policies apply to it at request time. */
    @Transactional
    public Created issueForLogin(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String path, String entityId) {
        TreeSet<String> finalPolicies = new TreeSet<>(sanitize(settings.policies()));
        if (finalPolicies.contains("root")) {
            throw VaultException.badRequest("auth methods cannot create root tokens");
        }
        if (!settings.noDefaultPolicy()) {
            finalPolicies.add("default");
        }
        long now = now();
        Ttl.Result granted = Ttl.issue(0, Ttl.Limits.system(DEFAULT_TTL, MAX_TTL).mount(ctx.defaultLeaseTtl(), ctx.maxLeaseTtl())
                .role(settings.ttl(), settings.maxTtl()).explicitMax(settings.explicitMaxTtl()).period(settings.period()), now, 0);
        long ttl = granted.ttl();
        List<String> warnings = granted.warnings();
        String token = TokenIds.token();
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hasher.hash(token), null, List.copyOf(finalPolicies),
                metadata.isEmpty() ? null : metadata, displayName.replaceAll("[^a-zA-Z0-9-]", "-"), path, entityId, settings.numUses(), now, ttl,
                granted.expireMs(), settings.explicitMaxTtl(), settings.period(), true, true, 0, "service");
        store.insert(e);
        return new Created(token, e, warnings);
    }

    private static long orZero(@Nullable Long v) {
        return v == null ? 0 : v;
    }

    static List<String> sanitize(List<String> names) {
        TreeSet<String> out = new TreeSet<>();
        for (String n : names) {
            String s = n.trim().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.contains("root") ? List.of("root") : List.copyOf(out);
    }

    static String displayName(String requested) {
        if (requested.isEmpty()) {
            return "token";
        }
        String full = ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-");
        while (full.endsWith("-")) {
            full = full.substring(0, full.length() - 1);
        }
        return full;
    }
}
