package dev.arca.kv.store;

import dev.arca.core.api.Durations;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds versions to a key and prunes the oldest beyond max_versions. Callers run inside a transaction
 * holding the key's metadata lock, so the version row and the metadata change commit together.
 */
@Component
public class VersionWriter {

    private final MetadataRepository metadata;
    private final VersionRepository versions;
    private final SecretCipher cipher;

    public VersionWriter(MetadataRepository metadata, VersionRepository versions, SecretCipher cipher) {
        this.metadata = metadata;
        this.versions = versions;
        this.cipher = cipher;
    }

    /** What a write produced: the key's new metadata and the new version (with its ciphertext). */
    public record Appended(SecretMetadata metadata, SecretVersion version) {
    }

    public Appended append(String mount, SecretMetadata locked, MountConfig config, ObjectNode data, Instant now) {
        int number = locked.currentVersion() + 1;
        long dva = locked.effectiveDeleteVersionAfter(config);
        Instant deletion = deletionTime(now, dva);
        SecretVersion v = new SecretVersion(number, now, deletion, false, cipher.sealVersion(mount, locked.path(), number, data));
        versions.insert(mount, locked.path(), v);
        SecretMetadata updated = prune(mount, locked.withVersions(number, locked.oldestVersion(), now), config);
        metadata.update(mount, updated);
        return new Appended(updated, v);
    }

    /**
     * When a version written at {@code now} reads as deleted. Whatever setting is stored (one written
     * before durations were range-checked, or by hand), the arithmetic saturates: a delay beyond the
     * longest duration Arca accepts is that longest one, so no stored setting can make writes fail.
     */
    static @Nullable Instant deletionTime(Instant now, long deleteVersionAfter) {
        if (deleteVersionAfter <= 0) {
            return null;
        }
        return now.plusSeconds(Math.min(deleteVersionAfter, Durations.MAX_SECONDS));
    }

    /**
     * Drops the versions that no longer fit in max_versions, oldest first, and records the oldest kept.
     * Does not write the metadata row; the caller does, with its other changes.
     */
    public SecretMetadata prune(String mount, SecretMetadata m, MountConfig config) {
        int keepFrom = m.currentVersion() - m.effectiveMaxVersions(config) + 1;
        if (keepFrom <= 1 || keepFrom <= m.oldestVersion()) {
            return m;
        }
        versions.deleteThrough(mount, m.path(), keepFrom - 1);
        return m.withVersions(m.currentVersion(), keepFrom, m.updatedTime());
    }
}
