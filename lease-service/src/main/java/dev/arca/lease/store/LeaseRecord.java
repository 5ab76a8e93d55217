package dev.arca.lease.store;

import java.util.Map;

/**
 * A lease as lease-service keeps it.
 *
 * @param expireMs when it ends, 0 for never
 * @param issueTtl the seconds granted at issue (the default renewal increment)
 * @param maxTtl   seconds from {@code issueMs} that no renewal can pass, 0 for no limit
 * @param data     the owning backend's revocation data, decrypted
 * @param state    {@code active}, {@code revoking} (revocation asked, not yet done) or {@code irrevocable}
 * @param attempts failed revocations so far
 */
public record LeaseRecord(String id, String service, String mountPath, String mountType, String mountAccessor,
        String secretType, String tokenAccessor, long issueMs, long expireMs, long lastRenewalMs, long issueTtl,
        long maxTtl, boolean renewable, Map<String, String> data, String state, int attempts, long dueMs,
        String lastError) {

    public static final String ACTIVE = "active";
    public static final String REVOKING = "revoking";
    public static final String IRREVOCABLE = "irrevocable";

    public LeaseRecord {
        data = Map.copyOf(data);
    }
}
