package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.util.Arrays;

/**
 * Vault's key types, with the number keysutil stores for each (its {@code KeyType} enum, so a Vault
 * backup restores here) and what each supports.
 */
public enum KeyType {
    AES256_GCM96("aes256-gcm96", 0, Family.SYMMETRIC, 32),
    ECDSA_P256("ecdsa-p256", 1, Family.ECDSA, 256),
    ED25519("ed25519", 2, Family.ED25519, 32),
    RSA_2048("rsa-2048", 3, Family.RSA, 2048),
    RSA_4096("rsa-4096", 4, Family.RSA, 4096),
    CHACHA20_POLY1305("chacha20-poly1305", 5, Family.SYMMETRIC, 32),
    ECDSA_P384("ecdsa-p384", 6, Family.ECDSA, 384),
    ECDSA_P521("ecdsa-p521", 7, Family.ECDSA, 521),
    AES128_GCM96("aes128-gcm96", 8, Family.SYMMETRIC, 16),
    RSA_3072("rsa-3072", 9, Family.RSA, 3072),
    HMAC("hmac", 11, Family.HMAC, 32);

    /** How a type's material is made and used. */
    public enum Family { SYMMETRIC, ECDSA, ED25519, RSA, HMAC }

    private final String wire;
    private final int code;
    private final Family family;
    private final int size;

    KeyType(String wire, int code, Family family, int size) {
        this.wire = wire;
        this.code = code;
        this.family = family;
        this.size = size;
    }

    public static KeyType ofWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst()
                .orElseThrow(() -> VaultException.badRequest("unknown key type: " + name));
    }

    public static KeyType ofCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
                .orElseThrow(() -> VaultException.badRequest("unsupported key type in backup: " + code));
    }

    public String wire() {
        return wire;
    }

    public int code() {
        return code;
    }

    public Family family() {
        return family;
    }

    /** Bytes of a symmetric or HMAC key, bits of an RSA modulus or of an EC curve. */
    public int size() {
        return size;
    }

    public boolean symmetric() {
        return family == Family.SYMMETRIC;
    }

    public boolean signs() {
        return family == Family.ECDSA || family == Family.ED25519 || family == Family.RSA;
    }

    public boolean encrypts() {
        return family == Family.SYMMETRIC || family == Family.RSA;
    }

    /** Vault derives per-context keys for the symmetric types and ed25519 only. */
    public boolean derives() {
        return family == Family.SYMMETRIC || family == Family.ED25519;
    }

    @Override
    public String toString() {
        return wire;
    }
}
