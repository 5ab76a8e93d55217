package dev.arca.identity.token;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored token, without its id (only the keyed hash is kept).
 *
 * @param expireMs epoch milliseconds after which the token is dead; 0 = never
 */
public record TokenEntry(String accessor, byte[] hash, @Nullable String parentAccessor, List<String> policies,
        @Nullable Map<String, String> meta, String displayName, String path, String entityId, int numUses,
        long creationMs, long creationTtl, long expireMs, long explicitMaxTtl, long period, boolean renewable,
        boolean orphan, long lastRenewalMs, String type) {

    public TokenEntry {
        policies = List.copyOf(policies);
        meta = meta == null ? null : Map.copyOf(meta);
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
