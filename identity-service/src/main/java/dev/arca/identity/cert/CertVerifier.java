package dev.arca.identity.cert;

import dev.arca.core.api.VaultException;
import dev.arca.identity.login.PemTrust;
import dev.arca.identity.login.Glob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whether a presented client certificate chain logs in against a trusted certificate entry (Vault's
 * {@code cert} login): the leaf is the trusted leaf itself, or chains (through the presented
 * intermediates) to a trusted CA, within its validity and usable for client authentication; then the
 * entry's constraints (names, SANs, OUs, extensions, each a glob) hold for the leaf.
 */
final class CertVerifier {

    /** At most this many certificates in one entry's PEM. */
    static final int MAX_TRUSTED = 100;
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final int DNS = 2;
    private static final int EMAIL = 1;
    private static final int URI = 6;

    private CertVerifier() {
    }

    /** The certificates of a PEM text; 400 when it holds none or something else. */
    static List<X509Certificate> parsePem(String pem) {
        List<X509Certificate> out = PemTrust.certificates(pem);
        if (out.isEmpty()) {
            throw VaultException.badRequest("failed to parse certificate");
        }
        if (out.size() > MAX_TRUSTED) {
            throw VaultException.badRequest("at most " + MAX_TRUSTED + " certificates in one entry");
        }
        return out;
    }

    /** The chain from the request context (base64 DER, leaf first); empty when it cannot be read. */
    static List<X509Certificate> chain(List<String> encoded) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (String e : encoded) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(e))));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            return List.of();
        }
        return out;
    }

    /** Whether the chain's leaf is trusted by one of these certificates at {@code now}. */
    static boolean trusts(List<X509Certificate> trusted, List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.getFirst();
        if (!clientUsage(leaf) || !validAt(leaf, now)) {
            return false;
        }
        for (X509Certificate t : trusted) {
            if (t.getBasicConstraints() < 0 ? t.equals(leaf) : chainsTo(t, chain, now)) {
                return true;
            }
        }
        return false;
    }

    private static boolean chainsTo(X509Certificate ca, List<X509Certificate> chain, Instant now) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.getFirst());
            PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(ca, null)), target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return validAt(ca, now);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate c, Instant now) {
        return !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant());
    }

    /** A leaf with extended key usages must allow client authentication (as Go's verifier checks it). */
    private static boolean clientUsage(X509Certificate leaf) {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE);
        } catch (CertificateException e) {
            return false;
        }
    }

    /** The entry's constraints on the leaf; an empty list allows anything. */
    static boolean meetsConstraints(CertRole role, X509Certificate leaf) {
        X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
        return anyMatches(role.allowedCommonNames(), attributes(subject, BCStyle.CN))
                && anyMatches(role.allowedDnsSans(), sans(leaf, DNS))
                && anyMatches(role.allowedEmailSans(), sans(leaf, EMAIL))
                && anyMatches(role.allowedUriSans(), sans(leaf, URI))
                && anyMatches(role.allowedOrganizationalUnits(), attributes(subject, BCStyle.OU))
                && extensionsMatch(role.requiredExtensions(), leaf);
    }

    static String commonName(X509Certificate leaf) {
        List<String> cns = attributes(X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()), BCStyle.CN);
        return cns.isEmpty() ? "" : cns.getFirst();
    }

    private static boolean anyMatches(List<String> globs, List<String> values) {
        if (globs.isEmpty()) {
            return true;
        }
        for (String g : globs) {
            for (String v : values) {
                if (Glob.matches(g, v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> attributes(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return out;
    }

    private static List<String> sans(X509Certificate leaf, int kind) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> all = leaf.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    if (san.get(0) instanceof Integer k && k == kind && san.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateException e) {
            return List.of();
        }
        return out;
    }

    /** {@code <oid>:<glob>} against the value read as an ASN.1 string, or {@code hex:<oid>:<glob>} against its DER in hex. */
    private static boolean extensionsMatch(List<String> required, X509Certificate leaf) {
        if (required.isEmpty()) {
            return true;
        }
        Map<String, String> text = new TreeMap<>();
        Map<String, String> hex = new TreeMap<>();
        List<String> oids = new ArrayList<>();
        if (leaf.getCriticalExtensionOIDs() != null) {
            oids.addAll(leaf.getCriticalExtensionOIDs());
        }
        if (leaf.getNonCriticalExtensionOIDs() != null) {
            oids.addAll(leaf.getNonCriticalExtensionOIDs());
        }
        for (String oid : oids) {
            byte[] value = inner(leaf.getExtensionValue(oid));
            hex.put(oid, HexFormat.of().formatHex(value));
            text.put(oid, asString(value));
        }
        for (String r : required) {
            String[] parts = r.split(":", 2);
            if (parts.length != 2) {
                return false;
            }
            boolean ok;
            if (parts[0].equals("hex")) {
                String[] h = parts[1].split(":", 2);
                ok = h.length == 2 && hex.containsKey(h[0]) && Glob.matches(h[1], hex.get(h[0]));
            } else {
                ok = text.containsKey(parts[0]) && Glob.matches(parts[1], text.get(parts[0]));
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] inner(byte[] octetString) {
        try {
            return ASN1OctetString.getInstance(octetString).getOctets();
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    private static String asString(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der) instanceof ASN1String s ? s.getString() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
