package dev.arca.gateway.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.events.Invalidations;
import dev.arca.core.net.Cidrs;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Resolves a caller's token through identity-service, with a short-lived cache keyed by the token's
 * SHA-256. A revocation reaches every gateway at once as a {@code token:<accessor>} invalidation; an
 * expiry needs no message, because the expiry time is checked on every hit.
 *
 * <p>{@code arca.token.cache} counts resolutions by {@code result}: {@code hit} (answered from the
 * cache, an expired token's refusal included), {@code miss} (no entry: identity asked) and
 * {@code stale} (an entry past its cache time: identity asked again, or its refresh awaited).
 */
@Component
public class TokenResolver {

    private static final Logger log = LoggerFactory.getLogger(TokenResolver.class);

    private static final long CACHE_SECONDS = 30;
    private static final int MAX_ENTRIES = 100_000;

    private record Entry(Caller caller, long cachedAt) {
    }

    /** Longer than the HTTP timeout of the lookup that the waiting callers share. */
    private static final long SHARED_WAIT_SECONDS = 35;

    private final ServiceClient client;
    private final LongSupplier clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, String> keyByAccessor = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Caller>> refreshing = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter stale;

    @Autowired
    public TokenResolver(ServiceClient client, Invalidations invalidations, MeterRegistry meters) {
        this(client, () -> Instant.now().getEpochSecond(), meters);
        invalidations.subscribe(this::invalidate);
    }

    /** @param clock epoch seconds */
    TokenResolver(ServiceClient client, LongSupplier clock, MeterRegistry meters) {
        this.client = client;
        this.clock = clock;
        this.hits = cacheCounter(meters, "hit");
        this.misses = cacheCounter(meters, "miss");
        this.stale = cacheCounter(meters, "stale");
    }

    private static Counter cacheCounter(MeterRegistry meters, String result) {
        return Counter.builder("arca.token.cache").description("Token resolutions by what the gateway's cache held")
                .tag("result", result).register(meters);
    }

    /** A token used from anywhere (for callers that have no client address). */
    public Caller resolve(@Nullable String token) {
        return resolve(token, "");
    }

    /**
     * @param clientAddress the caller's address, checked against the token's bound CIDRs on every call
     * @throws VaultException 403 for a missing, unknown, expired or used-up token, or one bound to other addresses
     */
    public Caller resolve(@Nullable String token, String clientAddress) {
        Caller c = resolveToken(token, clientAddress);
        if (!Cidrs.allows(c.boundCidrs(), clientAddress)) {
            throw VaultException.permissionDenied();
        }
        return c;
    }

    private Caller resolveToken(@Nullable String token, String clientAddress) {
        if (token == null || token.isBlank()) {
            throw VaultException.permissionDenied();
        }
        long now = clock.getAsLong();
        String key = sha256(token);
        Entry e = cache.get(key);
        if (e == null) {
            misses.increment();
            return lookup(token, key, now, clientAddress);
        }
        if (e.caller.expireTime() != 0 && e.caller.expireTime() <= now) {
            hits.increment();
            cache.remove(key);
            throw VaultException.permissionDenied();
        }
        if (now - e.cachedAt < CACHE_SECONDS) {
            hits.increment();
            return e.caller;
        }
        stale.increment();
        // A stale entry: one caller asks identity again and the callers that come meanwhile share its
        // answer, instead of all of them asking at once. Safe to share: only tokens without a use
        // limit are ever cached, and a cached token cannot gain one.
        CompletableFuture<Caller> mine = new CompletableFuture<>();
        CompletableFuture<Caller> running = refreshing.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Caller c = lookup(token, key, now, clientAddress);
            mine.complete(c);
            return c;
        } catch (RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            refreshing.remove(key, mine);
        }
    }

    private Caller lookup(String token, String key, long now, String clientAddress) {
        var reply = client.sendJson("identity", "POST", "/internal/tokens/resolve",
                SystemContexts.internal("update", "auth/token/lookup"), Map.of("token", token, "client_address", clientAddress));
        if (reply.status() == 403 || reply.status() == 400 || reply.status() == 404) {
            cache.remove(key);
            throw VaultException.permissionDenied();
        }
        if (!reply.ok()) {
            throw new IllegalStateException("identity-service could not resolve a token: HTTP " + reply.status());
        }
        JsonNode n = client.parse(reply);
        List<String> policies = new ArrayList<>();
        n.path("policies").forEach(p -> policies.add(p.asString()));
        List<String> cidrs = new ArrayList<>();
        n.path("bound_cidrs").forEach(c -> cidrs.add(c.asString()));
        Caller caller = new Caller(token, n.path("accessor").asString(), policies, n.path("entity_id").asString(""),
                n.path("display_name").asString(""), n.path("expire_time").asLong(0), n.path("last_use").asBoolean(false), cidrs);
        if (n.path("cacheable").asBoolean(false)) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
                keyByAccessor.clear();
            }
            cache.put(key, new Entry(caller, now));
            if (!caller.accessor().isEmpty()) {
                // a batch token has no accessor: it is never revoked, only expires (checked on every hit)
                keyByAccessor.put(caller.accessor(), key);
            }
        }
        return caller;
    }

    /**
     * The call that spent the caller's last use has ended: identity revokes the token and its children.
     * A failure does not fail the answered call: the token resolves no more, and identity's reaper
     * revokes spent tokens too.
     */
    public void spent(Caller caller) {
        try {
            var reply = client.sendJson("identity", "POST", "/internal/tokens/spent",
                    SystemContexts.internal("update", "auth/token/revoke-accessor"), Map.of("accessor", caller.accessor()));
            if (!reply.ok()) {
                log.warn("identity-service could not revoke a spent token now (HTTP {}); its reaper will", reply.status());
            }
        } catch (RuntimeException e) {
            log.warn("identity-service could not revoke a spent token now ({}); its reaper will", e.getClass().getSimpleName());
        }
    }

    private static Caller await(CompletableFuture<Caller> shared) {
        try {
            return shared.get(SHARED_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("token lookup failed", ex.getCause());
        } catch (TimeoutException ex) {
            throw new IllegalStateException("token lookup timed out", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a token lookup", ex);
        }
    }

    void invalidate(String message) {
        if (Invalidations.RESET.equals(message)) {
            cache.clear();
            keyByAccessor.clear();
        } else if (message.startsWith("token:")) {
            String key = keyByAccessor.remove(message.substring("token:".length()));
            if (key != null) {
                cache.remove(key);
            }
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
