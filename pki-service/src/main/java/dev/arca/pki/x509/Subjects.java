package dev.arca.pki.x509;

import dev.arca.core.api.VaultException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

/** Subject names and subject alternative names. */
public final class Subjects {

    /** Vault's subject fields, in the order Go writes them. */
    private static final Map<String, ASN1ObjectIdentifier> PARTS = new java.util.LinkedHashMap<>();

    static {
        PARTS.put("country", BCStyle.C);
        PARTS.put("province", BCStyle.ST);
        PARTS.put("locality", BCStyle.L);
        PARTS.put("street_address", BCStyle.STREET);
        PARTS.put("postal_code", BCStyle.POSTAL_CODE);
        PARTS.put("organization", BCStyle.O);
        PARTS.put("ou", BCStyle.OU);
    }

    private Subjects() {
    }

    /** The names of the subject fields a request or role may set besides the common name. */
    public static List<String> partNames() {
        return List.copyOf(PARTS.keySet());
    }

    /**
     * A subject: the parts by field name ({@code organization}, {@code ou}, ...), the serial number
     * attribute, and the common name.
     */
    public static X500Name name(String commonName, String serialNumber, Map<String, List<String>> parts) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        PARTS.forEach((field, oid) -> parts.getOrDefault(field, List.of()).stream().filter(v -> !v.isEmpty())
                .forEach(v -> b.addRDN(oid, v)));
        if (!serialNumber.isEmpty()) {
            b.addRDN(BCStyle.SERIALNUMBER, serialNumber);
        }
        if (!commonName.isEmpty()) {
            b.addRDN(BCStyle.CN, commonName);
        }
        return b.build();
    }

    public static String commonName(X500Name name) {
        var rdns = name.getRDNs(BCStyle.CN);
        return rdns.length == 0 ? "" : rdns[0].getFirst().getValue().toString();
    }

    /** Subject alternative names: DNS names, e-mail addresses, IPs, URIs and other names ({@code oid, value} pairs). */
    public static List<GeneralName> altNames(List<String> dns, List<String> emails, List<String> ips, List<String> uris,
            List<String[]> others) {
        List<GeneralName> out = new ArrayList<>();
        dns.forEach(d -> out.add(new GeneralName(GeneralName.dNSName, d)));
        emails.forEach(e -> out.add(new GeneralName(GeneralName.rfc822Name, e)));
        for (String ip : ips) {
            out.add(ip(ip));
        }
        uris.forEach(u -> out.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
        for (String[] o : others) {
            out.add(new GeneralName(GeneralName.otherName,
                    new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {new ASN1ObjectIdentifier(o[0]),
                            new DERTaggedObject(true, 0, new DERUTF8String(o[1]))})));
        }
        return out;
    }

    public static GeneralName ip(String ip) {
        try {
            return new GeneralName(GeneralName.iPAddress, ip.trim());
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("the value '" + ip + "' is not a valid IP address");
        }
    }
}
