package dev.arca.kv.store;

/**
 * A v2 mount's {@code config}.
 *
 * @param maxVersions        versions kept per key; 0 means Vault's default of 10
 * @param casRequired        every write must carry {@code options.cas}
 * @param deleteVersionAfter seconds after which a new version reads as deleted; 0 = never
 */
public record MountConfig(int maxVersions, boolean casRequired, long deleteVersionAfter) {

    public static final MountConfig DEFAULT = new MountConfig(0, false, 0);
    public static final int DEFAULT_MAX_VERSIONS = 10;
}
