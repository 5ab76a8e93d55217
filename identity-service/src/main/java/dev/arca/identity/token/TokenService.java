package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.identity.login.TokenSettings;
import dev.arca.core.lease.Ttl;
import dev.arca.identity.policy.PolicyStore;
import dev.arca.identity.store.IdentityService;
import dev.arca.core.backend.FieldData;
import dev.arca.core.net.Cidrs;
import dev.arca.core.policy.BuiltinPolicies;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.PatternMatchUtils;

/**
 * The token authority: creation with Vault's parent/child rules, resolution for the gateway (expiry,
 * use counts), renewal and revocation of whole trees. Every revocation publishes
 * {@code token:<accessor>} for each token removed, and records it for lease-service, in the same transaction.
 */
@Service
public class TokenService {

    /** Vault's system default and maximum TTL: 768h. */
    /** The server's {@code default_lease_ttl} and {@code max_lease_ttl}, in seconds (768h unless configured). */
    private final long systemDefaultTtl;
    private final long systemMaxTtl;
    /** The longest id or display_name a caller may choose: far above Vault's ids, far below what a body may carry. */
    static final int MAX_NAME = 256;

    private final TokenStore store;
    private final TokenWriter writer;
    private final TokenHasher hasher;
    private final PolicyStore policies;
    private final Invalidations invalidations;
    private final TokenRevocations revocations;
    private final BatchTokens batch;
    private final IdentityService identity;
    private final Clock clock;

    public TokenService(TokenStore store, TokenWriter writer, TokenHasher hasher, PolicyStore policies, Invalidations invalidations,
            TokenRevocations revocations, BatchTokens batch, IdentityService identity,
            @Value("${arca.lease.system-default-ttl:768h}") Duration systemDefaultTtl,
            @Value("${arca.lease.system-max-ttl:768h}") Duration systemMaxTtl) {
        this.systemDefaultTtl = systemDefaultTtl.toSeconds();
        this.systemMaxTtl = systemMaxTtl.toSeconds();
        this.batch = batch;
        this.identity = identity;
        this.store = store;
        this.writer = writer;
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

    /**
     * {@code /internal/tokens/resolve}: empty for an unknown, expired or used-up token, and for a token
     * bound to addresses that {@code clientAddress} is not among (before a use is counted).
     */
    @Transactional
    public Optional<TokenEntry> resolve(String token, String clientAddress) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        if (BatchTokens.isBatch(token)) {
            return liveBatch(token).filter(e -> Cidrs.allows(e.boundCidrs(), clientAddress));
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
        if (e.numUses() == SPENT || !Cidrs.allows(e.boundCidrs(), clientAddress)) {
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
        if (BatchTokens.isBatch(token)) {
            return liveBatch(token).orElseThrow(VaultException::permissionDenied);
        }
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
        if (BatchTokens.isBatch(token)) {
            return liveBatch(token);
        }
        return store.byHash(hasher.hash(token), false).filter(e -> !e.expiredAt(now()) && e.numUses() != SPENT);
    }

    /** A batch token that is sound, unexpired, and whose parent (if any) still lives. */
    private Optional<TokenEntry> liveBatch(String token) {
        long now = now();
        return batch.open(token).filter(e -> !e.expiredAt(now) && (e.parentAccessor() == null
                || store.byAccessor(e.parentAccessor(), false).filter(p -> !p.expiredAt(now) && p.numUses() != SPENT).isPresent()));
    }

    public Optional<TokenEntry> lookupAccessor(String accessor) {
        return store.byAccessor(accessor, false).filter(e -> !e.expiredAt(now()) && e.numUses() != SPENT);
    }

    @Transactional(readOnly = true)
    public List<String> accessors(RequestContext ctx) {
        requireSudo(ctx, "root or sudo privileges required to list accessors");
        return store.accessors();
    }

    /**
     * {@code auth/token/create}, {@code create-orphan} and {@code create/<role>}: a child of the caller's
     * token (or an orphan) with Vault's rules on policies, periods, ids and types, narrowed by the role.
     *
     * @param role        the role of {@code create/<role>}, else null
     * @param callerToken the caller's own token as sent: a batch token cannot create tokens
     */
    // No transaction: the parent is read once, and the child is one INSERT (by group commit, TokenWriter) that
    // takes place only while the parent row exists, locking it (FOR KEY SHARE) against a concurrent revoke (see
    // TokenStore.deleteTree): a child inserted under a parent whose revoke is under way is either seen by that
    // revoke or refused.
    public Created create(RequestContext ctx, FieldData body, boolean orphanEndpoint, @Nullable TokenRole role,
            @Nullable String callerToken) {
        if (BatchTokens.isBatch(callerToken)) {
            throw VaultException.badRequest("batch tokens cannot create child tokens");
        }
        TokenEntry parent = store.byAccessor(ctx.tokenAccessor(), false).filter(p -> !p.expiredAt(now()))
                .orElseThrow(VaultException::permissionDenied);
        boolean parentRoot = parent.isRoot();
        boolean sudo = parentRoot || policies.acl(parent.policies()).hasSudo(ctx.path());
        boolean noParent = body.bool("no_parent", false);
        boolean roleOrphan = role != null && role.orphan();
        if (noParent && !orphanEndpoint && !roleOrphan && !sudo) {
            throw VaultException.badRequest("root or sudo privileges required to create orphan token");
        }
        String requestedType = body.string("type");
        String type = role != null ? role.type(requestedType) : requestedType.isEmpty() || requestedType.equals("default") ? "service" : requestedType;
        if (!type.equals("service") && !type.equals("batch")) {
            throw VaultException.badRequest("unsupported token type \"" + type.replaceAll("[^a-z-]", "") + "\"");
        }
        Integer uses = body.integer("num_uses");
        int numUses = uses == null ? 0 : uses;
        if (role != null && role.numUses() > 0 && (numUses == 0 || numUses > role.numUses())) {
            numUses = role.numUses();
        }
        String id = body.string("id");
        if (!id.isEmpty() && !sudo) {
            throw VaultException.badRequest("root or sudo privileges required to specify token id");
        }
        String entityAlias = body.string("entity_alias");

        List<String> requested = sanitize(body.strings("policies"));
        if (role != null) {
            requested = role.policies(requested, parent.policies());
        } else if (requested.isEmpty()) {
            requested = sanitize(parent.policies());
        }
        if (requested.contains("root") && !parentRoot) {
            throw VaultException.badRequest("root tokens may not be created without parent token being root");
        }
        if (!sudo && (role == null || !role.restrictsPolicies())) {
            for (String p : requested) {
                if (!p.equals("default") && !parent.policies().contains(p)) {
                    throw VaultException.badRequest("child policies must be subset of parent");
                }
            }
        }
        boolean noDefault = body.bool("no_default_policy", false) || (role != null && role.noDefaultPolicy());
        TreeSet<String> finalPolicies = new TreeSet<>(requested);
        if (finalPolicies.contains("root")) {
            finalPolicies.clear();
            finalPolicies.add("root");
        } else if (!noDefault && (role == null || !role.disallows("default"))) {
            finalPolicies.add("default");
        } else if (noDefault) {
            finalPolicies.remove("default");
        }
        List<String> warnings = new ArrayList<>();
        for (String p : policies.missing(finalPolicies)) {
            warnings.add("Policy \"" + p + "\" does not exist");
        }

        long requestedPeriod = orZero(body.duration("period"));
        if (requestedPeriod > 0 && !sudo && (role == null || role.period() == 0)) {
            throw VaultException.badRequest("root or sudo privileges required to create periodic token");
        }
        long period = role != null && role.period() > 0 ? role.period() : requestedPeriod;
        long explicitMax = orZero(body.duration("explicit_max_ttl"));
        if (role != null && role.explicitMaxTtl() > 0 && (explicitMax == 0 || explicitMax > role.explicitMaxTtl())) {
            explicitMax = role.explicitMaxTtl();
        }
        long ttl = orZero(body.duration("ttl"));
        boolean batchType = type.equals("batch");
        if (batchType) {
            if (finalPolicies.contains("root")) {
                throw VaultException.badRequest("batch tokens cannot be root tokens");
            }
            if (!id.isEmpty()) {
                throw VaultException.badRequest("batch tokens cannot have a custom id");
            }
            BatchTokens.checkLimits(period, numUses, explicitMax);
        }
        long now = now();
        boolean neverExpires = finalPolicies.contains("root") && parent.expireMs() == 0 && explicitMax == 0;
        boolean orphan = noParent || orphanEndpoint || roleOrphan;
        Ttl.Result granted = Ttl.issue(ttl, Ttl.Limits.system(neverExpires ? 0 : systemDefaultTtl, systemMaxTtl)
                .explicitMax(explicitMax).period(period), now, orphan ? 0 : parent.expireMs());
        warnings.addAll(granted.warnings());
        ttl = granted.ttl();
        long expireMs = granted.expireMs();

        String displayName = displayName(body.string("display_name"));
        Map<String, String> meta = body.pairs("meta");
        String path = role != null ? role.tokenPath() : orphanEndpoint ? "auth/token/create-orphan" : "auth/token/create";
        boolean renewable = !batchType && body.bool("renewable", true) && (role == null || role.renewable());
        List<String> cidrs = role == null ? List.of() : role.boundCidrs();
        if (batchType) {
            TokenEntry e = new TokenEntry("", new byte[0], orphan ? null : parent.accessor(), List.copyOf(finalPolicies),
                    meta.isEmpty() ? null : meta, displayName, path, entityFor(ctx, entityAlias, role, parent), 0, now, ttl, expireMs, 0, 0, false,
                    orphan, 0, "batch", cidrs);
            return new Created(batch.seal(e), e, warnings);
        }
        String token = id.isEmpty() ? TokenIds.token() : id;
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hasher.hash(token), orphan ? null : parent.accessor(),
                // a child belongs to its parent's entity, as in Vault: disabling the entity reaches it too
                List.copyOf(finalPolicies), meta.isEmpty() ? null : meta, displayName, path, entityFor(ctx, entityAlias, role, parent), numUses, now, ttl,
                expireMs, explicitMax, period, renewable, orphan, 0, "service", cidrs);
        if (id.isEmpty()) {
            writer.insert(e);
            return new Created(token, e, warnings);
        }
        try {
            store.insert(e);
        } catch (DuplicateKeyException dup) {
            // a random id cannot collide; a chosen one may, and the unique hash column says so
            throw VaultException.badRequest("cannot create a token with a duplicate ID");
        } catch (DataIntegrityViolationException parentGone) {
            // the parent was revoked since it was read: its key is gone
            throw VaultException.permissionDenied();
        }
        return new Created(token, e, warnings);
    }

    /**
     * The entity the new token belongs to: its parent's, or with {@code entity_alias} (only through a role
     * whose {@code allowed_entity_aliases} match it, globs included) the entity of that alias on the token
     * mount, made at its first use as a login's alias is.
     */
    private String entityFor(RequestContext ctx, String alias, @Nullable TokenRole role, TokenEntry parent) {
        if (alias.isEmpty()) {
            return parent.entityId();
        }
        if (role == null) {
            throw VaultException.badRequest("'entity_alias' is only allowed in combination with token role");
        }
        if (role.allowedEntityAliases().stream().noneMatch(p -> PatternMatchUtils.simpleMatch(p, alias))) {
            throw VaultException.badRequest("invalid 'entity_alias' value");
        }
        return identity.entityForLogin(ctx, alias, Map.of());
    }

    /** {@code auth/token/renew} and {@code renew-self}. */
    @Transactional
    public Renewed renew(TokenEntry current, long increment) {
        if (current.type().equals("batch")) {
            throw VaultException.badRequest("batch tokens cannot be renewed");
        }
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
        Ttl.Result granted = Ttl.renew(increment, Ttl.Limits.system(systemDefaultTtl, systemMaxTtl).explicitMax(e.explicitMaxTtl())
                .period(e.period()), e.creationMs(), now, parentExpireMs);
        List<String> warnings = new ArrayList<>(granted.warnings());
        long ttl = granted.ttl();
        long expireMs = granted.expireMs();
        store.renew(e.accessor(), expireMs, now);
        // the gateway caches expire_time: make it re-resolve
        invalidations.publish("token", e.accessor());
        return new Renewed(e.renewed(expireMs, now), ttl, warnings);
    }

    /**
     * A response-wrapping token (Vault's {@code wrapInCubbyhole}): an orphan with one use and only the
     * {@code response-wrapping} policy, living {@code ttl} seconds, renewals impossible.
     */
    @Transactional
    public Created issueWrapping(long ttl, String creationPath) {
        long now = now();
        String token = TokenIds.token();
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hasher.hash(token), null, List.of(BuiltinPolicies.RESPONSE_WRAPPING),
                null, "", creationPath, "", 1, now, ttl, now + ttl * 1000, ttl, 0, false, true, 0, "service");
        store.insert(e);
        return new Created(token, e, List.of());
    }

    /**
     * The wrapping token a call is about to use up, locked until the caller's transaction ends: the one
     * named in the body, or (none named) the caller's own. Empty when it does not exist, is no wrapping
     * token, has expired, or another call is already using it up (its one use is spent unless it is the
     * caller's own token, whose use is this very call).
     */
    public Optional<TokenEntry> claimWrapping(RequestContext ctx, String token) {
        Optional<TokenEntry> found = token.isEmpty() ? store.byAccessor(ctx.tokenAccessor(), true) : store.byHash(hasher.hash(token), true);
        return found.filter(e -> isWrapping(e) && !e.expiredAt(now())
                && (e.numUses() == 1 || (e.numUses() == SPENT && e.accessor().equals(ctx.tokenAccessor()))));
    }

    /** A live wrapping token, for {@code sys/wrapping/lookup} (its use is not spent). */
    public Optional<TokenEntry> lookupWrapping(String token) {
        return lookup(token).filter(TokenService::isWrapping);
    }

    static boolean isWrapping(TokenEntry e) {
        return e.policies().equals(List.of(BuiltinPolicies.RESPONSE_WRAPPING));
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
        if (BatchTokens.isBatch(token)) {
            throw VaultException.badRequest("batch tokens cannot be revoked");
        }
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
     * its TTL capped by the mount's tune and the system maximum as Vault caps it; a batch token when the
     * settings ask for one. A caller outside the settings' bound CIDRs gets no token (403, as Vault checks a login's bound CIDRs).
     *
     * @param path the login path, e.g. {@code auth/userpass/login/alice}
     */
    @Transactional
    public Created issueForLogin(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String path) {
        return issueForLogin(ctx, settings, displayName, metadata, path, "");
    }

    /**
     * A login token attached to an entity ({@code entity_id}): the entity's and its groups' policies apply
     * to it at request time. One insert, by group commit when the caller holds no transaction.
     */
    public Created issueForLogin(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String path, String entityId) {
        if (!Cidrs.allows(settings.boundCidrs(), ctx.clientAddress())) {
            throw new VaultException(403, "login request originated from invalid CIDR");
        }
        TreeSet<String> finalPolicies = new TreeSet<>(sanitize(settings.policies()));
        if (finalPolicies.contains("root")) {
            throw VaultException.badRequest("auth methods cannot create root tokens");
        }
        if (!settings.noDefaultPolicy()) {
            finalPolicies.add("default");
        }
        long now = now();
        Ttl.Result granted = Ttl.issue(0, Ttl.Limits.system(systemDefaultTtl, systemMaxTtl).mount(ctx.defaultLeaseTtl(), ctx.maxLeaseTtl())
                .role(settings.ttl(), settings.maxTtl()).explicitMax(settings.explicitMaxTtl()).period(settings.period()), now, 0);
        long ttl = granted.ttl();
        List<String> warnings = granted.warnings();
        String name = displayName.replaceAll("[^a-zA-Z0-9-]", "-");
        Map<String, String> meta = metadata.isEmpty() ? null : metadata;
        if (settings.batch()) {
            TokenEntry e = new TokenEntry("", new byte[0], null, List.copyOf(finalPolicies), meta, name, path, entityId, 0, now, ttl,
                    granted.expireMs(), 0, 0, false, true, 0, "batch", settings.boundCidrs());
            return new Created(batch.seal(e), e, warnings);
        }
        String token = TokenIds.token();
        TokenEntry e = new TokenEntry(TokenIds.accessor(), hasher.hash(token), null, List.copyOf(finalPolicies), meta, name, path, entityId,
                settings.numUses(), now, ttl, granted.expireMs(), settings.explicitMaxTtl(), settings.period(), true, true, 0, "service",
                settings.boundCidrs());
        writer.insert(e);
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
