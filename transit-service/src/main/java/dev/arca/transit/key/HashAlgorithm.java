package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.jspecify.annotations.Nullable;

/** Vault's hash names and their JDK digests, HMACs and DigestInfo identifiers. */
public enum HashAlgorithm {
    SHA1("sha1", "SHA-1", "HmacSHA1", new ASN1ObjectIdentifier("1.3.14.3.2.26")),
    SHA2_224("sha2-224", "SHA-224", "HmacSHA224", NISTObjectIdentifiers.id_sha224),
    SHA2_256("sha2-256", "SHA-256", "HmacSHA256", NISTObjectIdentifiers.id_sha256),
    SHA2_384("sha2-384", "SHA-384", "HmacSHA384", NISTObjectIdentifiers.id_sha384),
    SHA2_512("sha2-512", "SHA-512", "HmacSHA512", NISTObjectIdentifiers.id_sha512),
    SHA3_224("sha3-224", "SHA3-224", "HmacSHA3-224", NISTObjectIdentifiers.id_sha3_224),
    SHA3_256("sha3-256", "SHA3-256", "HmacSHA3-256", NISTObjectIdentifiers.id_sha3_256),
    SHA3_384("sha3-384", "SHA3-384", "HmacSHA3-384", NISTObjectIdentifiers.id_sha3_384),
    SHA3_512("sha3-512", "SHA3-512", "HmacSHA3-512", NISTObjectIdentifiers.id_sha3_512),
    /** Only for prehashed PKCS#1 v1.5 signatures: the input is signed as it is. */
    NONE("none", "", "", null);

    private final String wire;
    private final String jdk;
    private final String hmac;
    private final @Nullable ASN1ObjectIdentifier oid;

    HashAlgorithm(String wire, String jdk, String hmac, @Nullable ASN1ObjectIdentifier oid) {
        this.wire = wire;
        this.jdk = jdk;
        this.hmac = hmac;
        this.oid = oid;
    }

    /** The algorithm of a wire name; Vault also takes the bare {@code sha2-*} names without the prefix in a path. */
    public static HashAlgorithm ofWire(String name) {
        String n = switch (name) {
            case "sha224" -> "sha2-224";
            case "sha256" -> "sha2-256";
            case "sha384" -> "sha2-384";
            case "sha512" -> "sha2-512";
            default -> name;
        };
        return Arrays.stream(values()).filter(a -> a.wire.equals(n)).findFirst()
                .orElseThrow(() -> VaultException.badRequest("unsupported hash algorithm " + name));
    }

    public String wire() {
        return wire;
    }

    public String hmacAlgorithm() {
        if (this == NONE) {
            throw VaultException.badRequest("unsupported hash algorithm none");
        }
        return hmac;
    }

    public @Nullable ASN1ObjectIdentifier oid() {
        return oid;
    }

    public byte[] digest(byte[] input) {
        if (this == NONE) {
            return input;
        }
        try {
            return MessageDigest.getInstance(jdk).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdk, e);
        }
    }

    public int length() {
        return this == NONE ? 0 : digest(new byte[0]).length;
    }
}
