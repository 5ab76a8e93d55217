package dev.arca.transit.key;

import java.math.BigInteger;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a key, as keysutil's {@code KeyEntry}: the symmetric (or ed25519 private) key, the
 * HMAC key every version has, and for the asymmetric types their parts.
 *
 * @param key        AES/ChaCha key, HMAC key of an {@code hmac} key, or ed25519's 64-byte private key
 * @param publicKey  keysutil's {@code public_key}: PEM for ECDSA, base64 for ed25519, empty otherwise
 * @param rsa        modulus, public and private exponent and the two primes, or null
 */
public record KeyVersion(byte @Nullable [] key, byte[] hmacKey, Instant time, @Nullable BigInteger ecX,
        @Nullable BigInteger ecY, @Nullable BigInteger ecD, @Nullable RsaParts rsa, String publicKey) {

    /** An RSA private key as Go's {@code rsa.PrivateKey} serialises it. */
    public record RsaParts(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) {
    }

    public byte[] requireKey() {
        if (key == null) {
            throw new IllegalStateException("key version has no symmetric key");
        }
        return key;
    }
}
