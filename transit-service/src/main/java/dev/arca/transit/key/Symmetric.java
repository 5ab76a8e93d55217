package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jspecify.annotations.Nullable;

/**
 * Encryption with the AEAD key types exactly as keysutil lays it out: {@code nonce | ciphertext | tag},
 * a 12-byte nonce; derived keys by HKDF-SHA256 over the version's key with the context as info;
 * convergent nonces from HMAC-SHA256 of the plaintext (version 3: with an HMAC key derived together
 * with the encryption key; version 2: the context is the HMAC key; version 1: the caller's nonce).
 */
public final class Symmetric {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private Symmetric() {
    }

    /** The raw key the operation uses: the version's own, or one derived from it for the context. */
    static byte[] key(KeyPolicy p, KeyVersion v, byte @Nullable [] context, int bytes) {
        if (!p.derived) {
            return v.requireKey();
        }
        if (context == null || context.length == 0) {
            throw VaultException.badRequest("missing 'context' for key derivation; the key was created using a derived key, "
                    + "which means additional, per-request information must be included in order to perform operations with the key");
        }
        if (p.kdf != KeyPolicy.KDF_HKDF_SHA256) {
            throw VaultException.badRequest("unsupported key derivation mode");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(v.requireKey(), null, context));
        byte[] out = new byte[bytes];
        hkdf.generateBytes(out, 0, bytes);
        return out;
    }

    public static byte[] encrypt(KeyPolicy p, int version, byte[] plaintext, byte @Nullable [] context, byte @Nullable [] nonce,
            byte @Nullable [] aad) {
        KeyVersion v = p.version(version);
        int encBytes = p.type == KeyType.AES128_GCM96 ? 16 : 32;
        boolean deriveHmac = p.convergent && p.convergentVersion > 2;
        if (deriveHmac && nonce != null && nonce.length > 0) {
            throw VaultException.badRequest("nonce provided when not allowed");
        }
        if (nonce != null && nonce.length > 0 && !(p.convergent && p.convergentVersion == 1)) {
            throw VaultException.badRequest("nonce provided when not allowed");
        }
        byte[] material = key(p, v, context, encBytes + (deriveHmac ? 32 : 0));
        byte[] encKey = Arrays.copyOf(material, encBytes);
        byte[] iv;
        if (p.convergent && p.convergentVersion == 1) {
            if (nonce == null || nonce.length != NONCE) {
                throw VaultException.badRequest("base64-decoded nonce must be 12 bytes long when using convergent encryption with this key");
            }
            iv = nonce;
        } else if (p.convergent) {
            byte[] hmacKey = deriveHmac ? Arrays.copyOfRange(material, encBytes, encBytes + 32) : context;
            iv = Arrays.copyOf(hmac(hmacKey, plaintext), NONCE);
        } else {
            iv = KeyMaterial.random(NONCE);
        }
        byte[] sealed = aead(p.type, Cipher.ENCRYPT_MODE, encKey, iv, aad, plaintext, 0, plaintext.length);
        if (p.convergent && p.convergentVersion == 1) {
            return sealed;
        }
        byte[] out = new byte[NONCE + sealed.length];
        System.arraycopy(iv, 0, out, 0, NONCE);
        System.arraycopy(sealed, 0, out, NONCE, sealed.length);
        return out;
    }

    public static byte[] decrypt(KeyPolicy p, KeyVersion v, byte[] ciphertext, byte @Nullable [] context, byte @Nullable [] nonce,
            byte @Nullable [] aad) {
        int encBytes = p.type == KeyType.AES128_GCM96 ? 16 : 32;
        byte[] encKey = Arrays.copyOf(key(p, v, context, encBytes), encBytes);
        if (p.convergent && p.convergentVersion == 1) {
            if (nonce == null || nonce.length != NONCE) {
                throw VaultException.badRequest("invalid convergent nonce supplied");
            }
            return aead(p.type, Cipher.DECRYPT_MODE, encKey, nonce, aad, ciphertext, 0, ciphertext.length);
        }
        if (ciphertext.length < NONCE + TAG_BITS / 8) {
            throw VaultException.badRequest("invalid ciphertext length");
        }
        return aead(p.type, Cipher.DECRYPT_MODE, encKey, Arrays.copyOf(ciphertext, NONCE), aad, ciphertext, NONCE,
                ciphertext.length - NONCE);
    }

    private static byte[] aead(KeyType type, int mode, byte[] key, byte[] nonce, byte @Nullable [] aad, byte[] in, int off, int len) {
        try {
            Cipher c;
            if (type == KeyType.CHACHA20_POLY1305) {
                c = Cipher.getInstance("ChaCha20-Poly1305");
                c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            } else {
                c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            }
            if (aad != null && aad.length > 0) {
                c.updateAAD(aad);
            }
            return c.doFinal(in, off, len);
        } catch (AEADBadTagException e) {
            throw VaultException.badRequest("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AEAD failure", e);
        }
    }

    public static byte[] hmac(byte @Nullable [] key, byte[] data) {
        return hmac("HmacSHA256", key, data);
    }

    public static byte[] hmac(String algorithm, byte @Nullable [] key, byte[] data) {
        if (key == null || key.length == 0) {
            throw VaultException.badRequest("invalid hmac key length of zero");
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC failure", e);
        }
    }

    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
