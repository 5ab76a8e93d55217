package dev.arca.kv.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a v2 key. {@code data} is barrier ciphertext, null once destroyed (or when the row
 * was loaded without it). A deletion time in the future (from delete_version_after) is not deleted yet.
 */
public record SecretVersion(int version, Instant createdTime, @Nullable Instant deletionTime, boolean destroyed,
        byte @Nullable [] data) {

    public boolean isDeleted(Instant now) {
        return deletionTime != null && !deletionTime.isAfter(now);
    }

    /** Readable: neither destroyed nor deleted at {@code now}. */
    public boolean isLive(Instant now) {
        return !destroyed && !isDeleted(now);
    }
}
