package dev.arca.standalone;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates made at test time (BouncyCastle, P-256): CAs, server and client certificates, PEM and key stores. */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final char[] PASSWORD = "test-store".toCharArray();

    /** A certificate with its key pair. */
    record Issued(X509Certificate cert, KeyPair keys) {
        String pem() {
            return TestPki.pem(cert);
        }
    }

    /** What a certificate being made may add: extensions beyond the subject, key and issuer. */
    interface Extensions {
        void add(X509v3CertificateBuilder b) throws IOException;
    }

    private TestPki() {
    }

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String cn) {
        return ca(cn, null);
    }

    /** A CA: self-signed when {@code parent} is null, else an intermediate that parent signs. */
    static Issued ca(String cn, Issued parent) {
        KeyPair k = keys();
        X500Name issuer = parent == null ? new X500Name("CN=" + cn) : X500Name.getInstance(parent.cert().getSubjectX500Principal().getEncoded());
        return new Issued(build(new X500Name("CN=" + cn), k, issuer, parent == null ? k : parent.keys(), Duration.ofDays(1), b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }), k);
    }

    /** A leaf signed by {@code issuer} (or self-signed when null), valid for {@code life} from an hour ago. */
    static Issued leaf(String subject, Issued issuer, Duration life, Extensions more) {
        KeyPair k = keys();
        X500Name issuerName = issuer == null ? new X500Name(subject) : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
        return new Issued(build(new X500Name(subject), k, issuerName, issuer == null ? k : issuer.keys(), life, b -> {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            more.add(b);
        }), k);
    }

    static Extensions clientAuth() {
        return b -> b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    }

    static Extensions sans(GeneralName... names) {
        return b -> b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }

    static Extensions utf8(String oid, String value) {
        return b -> b.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier(oid), false, new DERUTF8String(value));
    }

    static Extensions all(Extensions... list) {
        return b -> {
            for (Extensions e : list) {
                e.add(b);
            }
        };
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys, Duration life,
            Extensions extensions) {
        try {
            Instant start = Instant.now().minus(Duration.ofHours(1));
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(start), Date.from(start.plus(life)), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(b);
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(Object o) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o instanceof KeyPair k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k.getPrivate(), null) : o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** A PKCS#12 store with the key and its chain (leaf first), or only trusted certificates when {@code key} is null. */
    static KeyStore store(Issued key, List<X509Certificate> chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            if (key != null) {
                ks.setKeyEntry("key", key.keys().getPrivate(), PASSWORD, chain.toArray(X509Certificate[]::new));
            } else {
                for (int i = 0; i < chain.size(); i++) {
                    ks.setCertificateEntry("ca" + i, chain.get(i));
                }
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context trusting {@code ca} and presenting {@code client} (with its chain) when it is not null. */
    static SSLContext tls(Issued ca, Issued client, List<X509Certificate> chain) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store(null, List.of(ca.cert())));
            KeyManagerFactory kmf = null;
            if (client != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store(client, chain), PASSWORD);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
