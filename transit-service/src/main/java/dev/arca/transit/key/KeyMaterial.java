package dev.arca.transit.key;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.jspecify.annotations.Nullable;

/** Makes key material for each type and turns stored parts back into JDK keys. */
public final class KeyMaterial {

    static final SecureRandom RANDOM = new SecureRandom();

    private KeyMaterial() {
    }

    public static byte[] random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A new version: every type gets its own HMAC key, as in keysutil. */
    public static KeyVersion generate(KeyType type, int keySize) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] hmacKey = random(32);
        try {
            return switch (type.family()) {
                case SYMMETRIC -> new KeyVersion(random(type.size()), hmacKey, now, null, null, null, null, "");
                case HMAC -> {
                    byte[] k = random(keySize == 0 ? type.size() : keySize);
                    yield new KeyVersion(k, k, now, null, null, null, null, "");
                }
                case ED25519 -> ed25519(new Ed25519PrivateKeyParameters(RANDOM), hmacKey, now);
                case ECDSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curve(type)), RANDOM);
                    KeyPair kp = g.generateKeyPair();
                    ECPoint w = ((ECPublicKey) kp.getPublic()).getW();
                    yield new KeyVersion(null, hmacKey, now, w.getAffineX(), w.getAffineY(), ((ECPrivateKey) kp.getPrivate()).getS(),
                            null, Pem.encode("PUBLIC KEY", kp.getPublic().getEncoded()));
                }
                case RSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(type.size(), RSAKeyGenParameterSpec.F4), RANDOM);
                    RSAPrivateCrtKey k = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
                    yield new KeyVersion(null, hmacKey, now, null, null, null, new KeyVersion.RsaParts(k.getModulus(),
                            k.getPublicExponent(), k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ()), "");
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + type + " key", e);
        }
    }

    public static String curve(KeyType type) {
        return switch (type) {
            case ECDSA_P256 -> "secp256r1";
            case ECDSA_P384 -> "secp384r1";
            case ECDSA_P521 -> "secp521r1";
            default -> throw new IllegalArgumentException("not an EC type: " + type);
        };
    }

    static ECParameterSpec curveSpec(KeyType type) throws GeneralSecurityException {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(curve(type)));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    public static PrivateKey ecPrivate(KeyType type, KeyVersion v) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(v.ecD(), curveSpec(type)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored EC key is invalid", e);
        }
    }

    public static PublicKey ecPublic(KeyType type, KeyVersion v) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(v.ecX(), v.ecY()), curveSpec(type)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored EC key is invalid", e);
        }
    }

    public static RSAPrivateCrtKey rsaPrivate(KeyVersion.RsaParts r) {
        BigInteger one = BigInteger.ONE;
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(r.n(), r.e(), r.d(),
                    r.p(), r.q(), r.d().mod(r.p().subtract(one)), r.d().mod(r.q().subtract(one)), r.q().modInverse(r.p())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored RSA key is invalid", e);
        }
    }

    public static PublicKey rsaPublic(KeyVersion.RsaParts r) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(r.n(), r.e()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored RSA key is invalid", e);
        }
    }

    /**
     * The version an operation uses for a context: the version itself, or for a derived ed25519 key the
     * key whose seed is HKDF-SHA256 over the version's 64-byte key (seed and public key) with the
     * context as info, as keysutil's {@code DeriveKey} makes it.
     */
    public static KeyVersion forContext(KeyPolicy p, KeyVersion v, byte @Nullable [] context) {
        if (!p.derived || p.type != KeyType.ED25519) {
            return v;
        }
        return ed25519(new Ed25519PrivateKeyParameters(Symmetric.key(p, v, context, 32), 0), v.hmacKey(), v.time());
    }

    /** An ed25519 version as keysutil keeps it: Go's 64-byte private key and the base64 public key. */
    private static KeyVersion ed25519(Ed25519PrivateKeyParameters priv, byte[] hmacKey, Instant time) {
        byte[] pub = priv.generatePublicKey().getEncoded();
        byte[] full = Arrays.copyOf(priv.getEncoded(), 64);
        System.arraycopy(pub, 0, full, 32, 32);
        return new KeyVersion(full, hmacKey, time, null, null, null, null, Base64.getEncoder().encodeToString(pub));
    }

    /** The public key as Vault's read shows it: PEM (PKIX) for ECDSA and RSA, base64 for ed25519. */
    public static String publicKey(KeyType type, KeyVersion v) {
        return switch (type.family()) {
            case ECDSA -> v.publicKey().isEmpty() ? Pem.encode("PUBLIC KEY", ecPublic(type, v).getEncoded()) : v.publicKey();
            case RSA -> Pem.encode("PUBLIC KEY", rsaPublic(v.rsa()).getEncoded());
            case ED25519 -> v.publicKey().isEmpty()
                    ? Base64.getEncoder().encodeToString(Arrays.copyOfRange(v.requireKey(), 32, 64)) : v.publicKey();
            default -> "";
        };
    }
}
