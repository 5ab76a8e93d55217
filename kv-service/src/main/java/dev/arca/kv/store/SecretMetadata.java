package dev.arca.kv.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A v2 key's metadata row. {@code customMetadata} is barrier ciphertext (see {@link SecretCipher}).
 *
 * @param deleteVersionAfter seconds; 0 = use the mount's
 * @param maxVersions        0 = use the mount's
 */
public record SecretMetadata(
        String path,
        int maxVersions,
        boolean casRequired,
        long deleteVersionAfter,
        byte @Nullable [] customMetadata,
        int currentVersion,
        int oldestVersion,
        Instant createdTime,
        Instant updatedTime) {

    /** Versions kept for this key: its own setting, else the mount's, else Vault's default. */
    public int effectiveMaxVersions(MountConfig config) {
        if (maxVersions > 0) {
            return maxVersions;
        }
        return config.maxVersions() > 0 ? config.maxVersions() : MountConfig.DEFAULT_MAX_VERSIONS;
    }

    /** Seconds a new version lives before it reads as deleted (0 = forever); a key may only shorten the mount's. */
    public long effectiveDeleteVersionAfter(MountConfig config) {
        long mount = config.deleteVersionAfter();
        if (deleteVersionAfter <= 0) {
            return mount;
        }
        return mount > 0 ? Math.min(mount, deleteVersionAfter) : deleteVersionAfter;
    }

    public boolean requiresCas(MountConfig config) {
        return casRequired || config.casRequired();
    }

    public SecretMetadata withSettings(int newMaxVersions, boolean newCasRequired, long newDeleteVersionAfter,
            byte @Nullable [] newCustomMetadata, Instant now) {
        return new SecretMetadata(path, newMaxVersions, newCasRequired, newDeleteVersionAfter, newCustomMetadata,
                currentVersion, oldestVersion, createdTime, now);
    }

    public SecretMetadata withVersions(int newCurrent, int newOldest, Instant now) {
        return new SecretMetadata(path, maxVersions, casRequired, deleteVersionAfter, customMetadata, newCurrent,
                newOldest, createdTime, now);
    }
}
