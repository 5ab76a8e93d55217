package dev.arca.pki.x509;

import dev.arca.core.api.VaultException;
import java.io.IOException;
import java.io.StringReader;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM and DER in and out, in Vault's shapes (no trailing newline; PKCS#1/SEC1 keys unless PKCS#8 is asked for). */
public final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + LINES.encodeToString(der) + "\n-----END " + type + "-----";
    }

    public static String certificate(X509CertificateHolder cert) {
        return encode("CERTIFICATE", encoded(cert));
    }

    public static byte[] encoded(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A private key as Vault writes it: {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY}
     * (SEC1, with its curve and public key) by default, {@code PRIVATE KEY} (PKCS#8) for Ed25519 or when asked.
     */
    public static String privateKey(KeyPair pair, boolean pkcs8) {
        byte[] p8 = pair.getPrivate().getEncoded();
        if (pkcs8) {
            return encode("PRIVATE KEY", p8);
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(p8);
            var alg = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return encode("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
            }
            if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
                var pub = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData();
                int orderBits = ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getParams().getOrder().bitLength();
                return encode("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, inner.getKey(), new DERBitString(pub.getBytes()), curve)
                        .getEncoded());
            }
            return encode("PRIVATE KEY", p8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vault's {@code private_key_type}: rsa, ec or ed25519. */
    public static String keyType(PublicKey key) {
        return KeySpec.of(key).type();
    }

    /** Every object of a PEM text: certificates, CSRs and private keys (as key pairs or PKCS#8). */
    public static List<Object> parse(String text, String field) {
        List<Object> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = p.readObject()) != null) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw VaultException.badRequest("failed to parse " + field + ": invalid PEM");
        }
        if (out.isEmpty()) {
            throw VaultException.badRequest("no data found in PEM block of " + field);
        }
        return out;
    }

    public static List<X509CertificateHolder> certificates(String text, String field) {
        List<X509CertificateHolder> certs = new ArrayList<>();
        for (Object o : parse(text, field)) {
            if (o instanceof X509CertificateHolder c) {
                certs.add(c);
            }
        }
        if (certs.isEmpty()) {
            throw VaultException.badRequest("no certificate found in " + field);
        }
        return certs;
    }

    public static X509CertificateHolder certificate(String text, String field) {
        return certificates(text, field).getFirst();
    }

    public static PKCS10CertificationRequest csr(String text) {
        for (Object o : parse(text, "csr")) {
            if (o instanceof PKCS10CertificationRequest r) {
                return r;
            }
        }
        throw VaultException.badRequest("certificate request could not be parsed");
    }

    /** The first private key of a PEM text, as a key pair when the text carries the public half. */
    public static PrivateKey privateKey(String text, String field) {
        for (Object o : parse(text, field)) {
            if (o instanceof PEMKeyPair kp) {
                return privateKey(encodedQuietly(kp.getPrivateKeyInfo()));
            }
            if (o instanceof PrivateKeyInfo info) {
                return privateKey(encodedQuietly(info));
            }
        }
        throw VaultException.badRequest("no private key found in " + field);
    }

    private static byte[] encodedQuietly(PrivateKeyInfo info) {
        try {
            return info.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey(byte[] pkcs8) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        try {
            return KeyFactory.getInstance(algorithm(info.getPrivateKeyAlgorithm().getAlgorithm().getId()))
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException e) {
            throw VaultException.badRequest("unsupported private key");
        }
    }

    public static PublicKey publicKey(SubjectPublicKeyInfo spki) {
        try {
            return KeyFactory.getInstance(algorithm(spki.getAlgorithm().getAlgorithm().getId()))
                    .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw VaultException.badRequest("unsupported public key");
        }
    }

    private static String algorithm(String oid) {
        return switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            default -> throw VaultException.badRequest("unsupported key algorithm " + oid);
        };
    }
}
