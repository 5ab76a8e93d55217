package dev.arca.pki.issue;

import dev.arca.core.api.VaultException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** What a CSR asks for: its verified signature, and the SANs of its extension request. */
public record CsrNames(List<String> dns, List<String> emails, List<String> ips, List<String> uris, List<String[]> others) {

    /** Refuses a CSR whose signature does not verify with its own key. */
    public static void verify(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw VaultException.badRequest("request signature invalid");
        }
    }

    public static CsrNames of(PKCS10CertificationRequest csr) {
        CsrNames n = new CsrNames(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (var v : a.getAttributeValues()) {
                GeneralNames names = GeneralNames.fromExtensions(Extensions.getInstance(v), Extension.subjectAlternativeName);
                if (names != null) {
                    for (GeneralName g : names.getNames()) {
                        n.add(g);
                    }
                }
            }
        }
        return n;
    }

    private void add(GeneralName g) {
        switch (g.getTagNo()) {
            case GeneralName.dNSName -> dns.add(((ASN1String) g.getName()).getString());
            case GeneralName.rfc822Name -> emails.add(((ASN1String) g.getName()).getString());
            case GeneralName.uniformResourceIdentifier -> uris.add(((ASN1String) g.getName()).getString());
            case GeneralName.iPAddress -> {
                try {
                    ips.add(InetAddress.getByAddress(ASN1OctetString.getInstance(g.getName()).getOctets()).getHostAddress());
                } catch (UnknownHostException e) {
                    throw VaultException.badRequest("the CSR carries an invalid IP address");
                }
            }
            case GeneralName.otherName -> {
                ASN1Sequence seq = ASN1Sequence.getInstance(g.getName());
                var value = ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject();
                if (value instanceof ASN1String s) {
                    others.add(new String[] {seq.getObjectAt(0).toString(), s.getString()});
                }
            }
            default -> { }
        }
    }
}
