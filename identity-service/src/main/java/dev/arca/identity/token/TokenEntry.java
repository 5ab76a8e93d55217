package dev.arca.identity.token;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored token, without its id (only the keyed hash is kept).
 *
 * @param expireMs   epoch milliseconds after which the token is dead; 0 = never
 * @param boundCidrs the client addresses (CIDR blocks) the token may be used from; empty for anywhere
 */
public record TokenEntry(String accessor, byte[] hash, @Nullable String parentAccessor, List<String> policies,
        @Nullable Map<String, String> meta, String displayName, String path, String entityId, int numUses,
        long creationMs, long creationTtl, long expireMs, long explicitMaxTtl, long period, boolean renewable,
        boolean orphan, long lastRenewalMs, String type, List<String> boundCidrs) {

    public TokenEntry {
        policies = List.copyOf(policies);
        meta = meta == null ? null : Map.copyOf(meta);
        boundCidrs = List.copyOf(boundCidrs);
    }

    /** A token usable from anywhere. */
    public TokenEntry(String accessor, byte[] hash, @Nullable String parentAccessor, List<String> policies,
            @Nullable Map<String, String> meta, String displayName, String path, String entityId, int numUses,
            long creationMs, long creationTtl, long expireMs, long explicitMaxTtl, long period, boolean renewable,
            boolean orphan, long lastRenewalMs, String type) {
        this(accessor, hash, parentAccessor, policies, meta, displayName, path, entityId, numUses, creationMs, creationTtl,
                expireMs, explicitMaxTtl, period, renewable, orphan, lastRenewalMs, type, List.of());
    }

    /** The same token with a new expiry, renewed at {@code nowMs}. */
    public TokenEntry renewed(long newExpireMs, long nowMs) {
        return new TokenEntry(accessor, hash, parentAccessor, policies, meta, displayName, path, entityId, numUses, creationMs,
                creationTtl, newExpireMs, explicitMaxTtl, period, renewable, orphan, nowMs, type, boundCidrs);
    }

    public boolean isRoot() {
        return policies.contains("root");
    }

    public boolean expiredAt(long nowMs) {
        return expireMs > 0 && expireMs <= nowMs;
    }

    /** Remaining lifetime in whole seconds, 0 for a token that never expires. */
    public long ttlAt(long nowMs) {
        return expireMs == 0 ? 0 : Math.max(0, (expireMs - nowMs) / 1000);
    }
}
