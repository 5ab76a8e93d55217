package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named key with all its versions and settings, as Vault's keysutil {@code Policy} holds them.
 * Instances read from the cache are shared: change only a fresh copy ({@link #copy()}) and store it.
 */
public final class KeyPolicy {

    /** keysutil's {@code Kdf_hkdf_sha256}: the only derivation new keys use. */
    public static final int KDF_HKDF_SHA256 = 1;
    /** Convergent nonces from an HMAC key derived with the encryption key (keysutil version 3). */
    public static final int CONVERGENT_VERSION = 3;

    public String name;
    public KeyType type;
    public int keySize;
    public final TreeMap<Integer, KeyVersion> versions = new TreeMap<>();
    public boolean derived;
    public int kdf = KDF_HKDF_SHA256;
    public boolean convergent;
    public int convergentVersion;
    public boolean exportable;
    public int minDecryptionVersion = 1;
    public int minEncryptionVersion;
    public int latestVersion;
    public int minAvailableVersion;
    public boolean deletionAllowed;
    public boolean allowPlaintextBackup;
    public long autoRotatePeriodSeconds;

    public KeyPolicy(String name, KeyType type) {
        this.name = name;
        this.type = type;
    }

    public KeyPolicy copy() {
        KeyPolicy c = new KeyPolicy(name, type);
        c.keySize = keySize;
        c.versions.putAll(versions);
        c.derived = derived;
        c.kdf = kdf;
        c.convergent = convergent;
        c.convergentVersion = convergentVersion;
        c.exportable = exportable;
        c.minDecryptionVersion = minDecryptionVersion;
        c.minEncryptionVersion = minEncryptionVersion;
        c.latestVersion = latestVersion;
        c.minAvailableVersion = minAvailableVersion;
        c.deletionAllowed = deletionAllowed;
        c.allowPlaintextBackup = allowPlaintextBackup;
        c.autoRotatePeriodSeconds = autoRotatePeriodSeconds;
        return c;
    }

    /** Adds the next version with fresh material. */
    public void rotate() {
        latestVersion++;
        versions.put(latestVersion, KeyMaterial.generate(type, keySize));
    }

    /** Rotates this (fresh) copy and returns it, for use as an update. */
    public KeyPolicy rotatedCopy() {
        rotate();
        return this;
    }

    /** The version to encrypt or sign with: {@code requested} (0 = latest), checked against the policy as Vault does. */
    public int encryptionVersion(int requested) {
        if (requested == 0) {
            return latestVersion;
        }
        if (requested < 0 || requested > latestVersion) {
            throw VaultException.badRequest("requested version for encryption is higher than the latest key version");
        }
        if (minEncryptionVersion > 0 && requested < minEncryptionVersion) {
            throw VaultException.badRequest("requested version for encryption is less than the minimum encryption key version");
        }
        return requested;
    }

    /** The version a ciphertext or signature names, if the policy still lets it be used to decrypt or verify. */
    public KeyVersion decryptionVersion(int version) {
        if (version > latestVersion) {
            throw VaultException.badRequest("invalid ciphertext: version is too new");
        }
        if (version < minDecryptionVersion) {
            throw VaultException.badRequest("ciphertext or signature version is disallowed by policy (too old)");
        }
        KeyVersion v = versions.get(version);
        if (v == null) {
            throw VaultException.badRequest("ciphertext or signature version is disallowed by policy (too old)");
        }
        return v;
    }

    public KeyVersion version(int version) {
        KeyVersion v = versions.get(version);
        if (v == null) {
            throw VaultException.badRequest("invalid key version " + version);
        }
        return v;
    }

    public Map<Integer, KeyVersion> versions() {
        return versions;
    }
}
