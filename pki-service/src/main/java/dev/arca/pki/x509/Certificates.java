package dev.arca.pki.x509;

import dev.arca.core.api.VaultException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/** Builds and signs X.509 v3 certificates. */
public final class Certificates {

    private static final BcX509ExtensionUtils EXTENSIONS = new BcX509ExtensionUtils();

    private Certificates() {
    }

    /** Where issued certificates point for their issuer, CRL and OCSP responder ({@code config/urls}). */
    public record Urls(List<String> issuingCertificates, List<String> crlDistributionPoints, List<String> ocspServers) {
        public static final Urls NONE = new Urls(List.of(), List.of(), List.of());

        public Urls {
            issuingCertificates = List.copyOf(issuingCertificates);
            crlDistributionPoints = List.copyOf(crlDistributionPoints);
            ocspServers = List.copyOf(ocspServers);
        }
    }

    /**
     * What goes into a certificate.
     *
     * @param maxPathLength for CAs, -1 for no limit
     * @param keyUsage      {@link KeyUsage} bits, 0 for no extension
     */
    public record Template(BigInteger serial, X500Name subject, SubjectPublicKeyInfo publicKey, List<GeneralName> altNames,
            Instant notBefore, Instant notAfter, boolean ca, int maxPathLength, int keyUsage, List<KeyPurposeId> extKeyUsage,
            Urls urls, List<String> permittedDnsDomains) {
        public Template {
            altNames = List.copyOf(altNames);
            extKeyUsage = List.copyOf(extKeyUsage);
            permittedDnsDomains = List.copyOf(permittedDnsDomains);
        }
    }

    /** Who signs: the issuer's name and key identifier, its private key and signature algorithm (null certificate: self-signed). */
    public record Signer(@Nullable X509CertificateHolder certificate, PrivateKey key, PublicKey publicKey, String algorithm) {

        public ContentSigner contentSigner() {
            try {
                return new JcaContentSignerBuilder(algorithm).build(key);
            } catch (OperatorCreationException e) {
                throw new IllegalStateException("cannot sign with " + algorithm, e);
            }
        }
    }

    public static X509CertificateHolder sign(Template t, Signer signer) {
        X500Name issuer = signer.certificate() == null ? t.subject() : signer.certificate().getSubject();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, t.serial(), Date.from(t.notBefore()), Date.from(t.notAfter()),
                t.subject(), t.publicKey());
        try {
            if (t.ca()) {
                b.addExtension(Extension.basicConstraints, true,
                        t.maxPathLength() >= 0 ? new BasicConstraints(t.maxPathLength()) : new BasicConstraints(true));
            }
            if (t.keyUsage() != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(t.keyUsage()));
            }
            if (!t.extKeyUsage().isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(t.extKeyUsage().toArray(KeyPurposeId[]::new)));
            }
            SubjectKeyIdentifier ski = EXTENSIONS.createSubjectKeyIdentifier(t.publicKey());
            b.addExtension(Extension.subjectKeyIdentifier, false, ski);
            if (signer.certificate() != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        EXTENSIONS.createAuthorityKeyIdentifier(signer.certificate().getSubjectPublicKeyInfo()));
            }
            if (!t.altNames().isEmpty()) {
                // With an empty subject the names are the certificate's identity: RFC 5280 makes the extension critical.
                b.addExtension(Extension.subjectAlternativeName, t.subject().getRDNs().length == 0,
                        new GeneralNames(t.altNames().toArray(GeneralName[]::new)));
            }
            addUrls(b, t.urls());
            if (!t.permittedDnsDomains().isEmpty()) {
                GeneralSubtree[] permitted = t.permittedDnsDomains().stream()
                        .map(d -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, d))).toArray(GeneralSubtree[]::new);
                b.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, null));
            }
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return b.build(signer.contentSigner());
    }

    /**
     * The same certificate signed by another issuer: subject, key, serial, validity and extensions kept,
     * the authority key identifier replaced (cross-signing a self-issued CA).
     */
    public static X509CertificateHolder resign(X509CertificateHolder cert, Signer signer) {
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(signer.certificate().getSubject(), cert.getSerialNumber(),
                cert.getNotBefore(), cert.getNotAfter(), cert.getSubject(), cert.getSubjectPublicKeyInfo());
        try {
            for (Object oid : cert.getExtensionOIDs()) {
                Extension e = cert.getExtension((org.bouncycastle.asn1.ASN1ObjectIdentifier) oid);
                if (!e.getExtnId().equals(Extension.authorityKeyIdentifier)) {
                    b.addExtension(e);
                }
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    EXTENSIONS.createAuthorityKeyIdentifier(signer.certificate().getSubjectPublicKeyInfo()));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return b.build(signer.contentSigner());
    }

    private static void addUrls(X509v3CertificateBuilder b, Urls urls) throws CertIOException {
        List<AccessDescription> access = new ArrayList<>();
        urls.ocspServers().forEach(u -> access.add(new AccessDescription(X509ObjectIdentifiers.ocspAccessMethod, uri(u))));
        urls.issuingCertificates().forEach(u -> access.add(new AccessDescription(X509ObjectIdentifiers.id_ad_caIssuers, uri(u))));
        if (!access.isEmpty()) {
            b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
        }
        if (!urls.crlDistributionPoints().isEmpty()) {
            DistributionPoint[] points = urls.crlDistributionPoints().stream()
                    .map(u -> new DistributionPoint(new DistributionPointName(new GeneralNames(uri(u))), null, null))
                    .toArray(DistributionPoint[]::new);
            b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
        }
    }

    private static GeneralName uri(String u) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, u);
    }

    /** The certificate's public key as a JCA key. */
    public static PublicKey publicKey(X509CertificateHolder cert) {
        return Pem.publicKey(cert.getSubjectPublicKeyInfo());
    }

    public static Instant notAfter(X509CertificateHolder cert) {
        return cert.getNotAfter().toInstant();
    }

    /** Whether {@code cert} was signed by the key of {@code issuer}. */
    public static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
        try {
            return cert.getIssuer().equals(issuer.getSubject()) && cert.isSignatureValid(
                    new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().build(issuer));
        } catch (Exception e) {
            return false;
        }
    }

    public static X509CertificateHolder parse(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw VaultException.badRequest("unable to parse certificate");
        }
    }
}
