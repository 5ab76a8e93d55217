package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Signatures as Vault makes them: ECDSA over the digest (ASN.1 DER, or JWS {@code r|s}), ed25519 over
 * the input itself, RSA PKCS#1 v1.5 or PSS over the digest. With {@code prehashed} the input is the digest.
 */
public final class Signatures {

    /** How a signature is made: hash, RSA padding, ECDSA encoding, and whether the input is already a digest. */
    public record Options(HashAlgorithm hash, String signatureAlgorithm, String marshaling, boolean prehashed) {
    }

    private Signatures() {
    }

    public static byte[] sign(KeyType type, KeyVersion v, byte[] input, Options o) {
        try {
            return switch (type.family()) {
                case ED25519 -> {
                    Ed25519Signer s = new Ed25519Signer();
                    s.init(true, new Ed25519PrivateKeyParameters(v.requireKey(), 0));
                    s.update(input, 0, input.length);
                    yield s.generateSignature();
                }
                case ECDSA -> {
                    Signature s = Signature.getInstance("NONEwithECDSA");
                    s.initSign(KeyMaterial.ecPrivate(type, v), KeyMaterial.RANDOM);
                    s.update(digest(input, o));
                    byte[] der = s.sign();
                    yield "jws".equals(o.marshaling()) ? derToJws(der, (type.size() + 7) / 8) : der;
                }
                case RSA -> rsaSign(KeyMaterial.rsaPrivate(v.rsa()), digest(input, o), o);
                default -> throw VaultException.badRequest("key type " + type + " does not support signing");
            };
        } catch (GeneralSecurityException | CryptoException | IOException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public static boolean verify(KeyType type, KeyVersion v, byte[] input, byte[] signature, Options o) {
        try {
            return switch (type.family()) {
                case ED25519 -> {
                    Ed25519Signer s = new Ed25519Signer();
                    s.init(false, new Ed25519PublicKeyParameters(v.requireKey(), 32));
                    s.update(input, 0, input.length);
                    yield s.verifySignature(signature);
                }
                case ECDSA -> {
                    Signature s = Signature.getInstance("NONEwithECDSA");
                    s.initVerify(KeyMaterial.ecPublic(type, v));
                    s.update(digest(input, o));
                    byte[] der = "jws".equals(o.marshaling()) ? jwsToDer(signature) : signature;
                    try {
                        yield s.verify(der);
                    } catch (java.security.SignatureException malformed) {
                        yield false;
                    }
                }
                case RSA -> rsaVerify(v.rsa(), digest(input, o), signature, o);
                default -> throw VaultException.badRequest("key type " + type + " does not support verification");
            };
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("verification failed", e);
        }
    }

    private static byte[] digest(byte[] input, Options o) {
        if (o.prehashed()) {
            return input;
        }
        return o.hash().digest(input);
    }

    private static byte[] rsaSign(RSAPrivateCrtKey k, byte[] digest, Options o) throws GeneralSecurityException, CryptoException, IOException {
        if ("pss".equals(o.signatureAlgorithm())) {
            PSSSigner s = pss(o.hash(), maxSalt(k.getModulus(), o.hash()));
            s.init(true, new ParametersWithRandom(new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                    k.getCrtCoefficient()), KeyMaterial.RANDOM));
            s.update(digest, 0, digest.length);
            return s.generateSignature();
        }
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initSign(k);
        s.update(digestInfo(o.hash(), digest));
        return s.sign();
    }

    private static boolean rsaVerify(KeyVersion.RsaParts r, byte[] digest, byte[] signature, Options o)
            throws GeneralSecurityException, IOException {
        if ("pss".equals(o.signatureAlgorithm())) {
            // Go signs with the largest salt and verifies any ("auto"); the hash length is the other common choice.
            for (int salt : new int[] {maxSalt(r.n(), o.hash()), o.hash().length()}) {
                PSSSigner s = pss(o.hash(), salt);
                s.init(false, new RSAKeyParameters(false, r.n(), r.e()));
                s.update(digest, 0, digest.length);
                try {
                    if (s.verifySignature(signature)) {
                        return true;
                    }
                } catch (org.bouncycastle.crypto.DataLengthException malformed) {
                    return false;
                }
            }
            return false;
        }
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initVerify(KeyMaterial.rsaPublic(r));
        s.update(digestInfo(o.hash(), digest));
        try {
            return s.verify(signature);
        } catch (java.security.SignatureException malformed) {
            return false;
        }
    }

    private static int maxSalt(BigInteger modulus, HashAlgorithm hash) {
        return (modulus.bitLength() - 1 + 7) / 8 - 2 - hash.length();
    }

    private static PSSSigner pss(HashAlgorithm hash, int salt) {
        if (hash == HashAlgorithm.NONE) {
            throw VaultException.badRequest("unsupported hash algorithm none for PSS signatures");
        }
        return PSSSigner.createRawSigner(new RSABlindedEngine(), bcDigest(hash), bcDigest(hash), salt, PSSSigner.TRAILER_IMPLICIT);
    }

    private static Digest bcDigest(HashAlgorithm hash) {
        return switch (hash) {
            case SHA1 -> new SHA1Digest();
            case SHA2_224 -> new SHA224Digest();
            case SHA2_256 -> new SHA256Digest();
            case SHA2_384 -> new SHA384Digest();
            case SHA2_512 -> new SHA512Digest();
            case SHA3_224 -> new SHA3Digest(224);
            case SHA3_256 -> new SHA3Digest(256);
            case SHA3_384 -> new SHA3Digest(384);
            case SHA3_512 -> new SHA3Digest(512);
            case NONE -> throw VaultException.badRequest("unsupported hash algorithm none");
        };
    }

    /** PKCS#1 v1.5 signs a DigestInfo; with hash {@code none} Go signs the input bytes as they are. */
    private static byte[] digestInfo(HashAlgorithm hash, byte[] digest) throws IOException {
        if (hash == HashAlgorithm.NONE) {
            return digest;
        }
        return new DigestInfo(new AlgorithmIdentifier(hash.oid(), DERNull.INSTANCE), digest).getEncoded();
    }

    static byte[] derToJws(byte[] der, int size) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        byte[] out = new byte[size * 2];
        fixed(ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(), out, 0, size);
        fixed(ASN1Integer.getInstance(seq.getObjectAt(1)).getValue(), out, size, size);
        return out;
    }

    static byte[] jwsToDer(byte[] jws) throws IOException {
        int size = jws.length / 2;
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(jws, 0, size))));
        v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(jws, size, jws.length))));
        return new DERSequence(v).getEncoded();
    }

    private static void fixed(BigInteger n, byte[] out, int off, int size) {
        byte[] b = n.toByteArray();
        int start = b.length > size ? b.length - size : 0;
        int len = b.length - start;
        System.arraycopy(b, start, out, off + size - len, len);
    }
}
