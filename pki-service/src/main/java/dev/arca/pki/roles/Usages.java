package dev.arca.pki.roles;

import dev.arca.core.api.VaultException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** Vault's key usage and extended key usage names, as X.509 bits and OIDs. */
public final class Usages {

    private static final Map<String, Integer> KEY_USAGE = Map.of(
            "digitalsignature", KeyUsage.digitalSignature,
            "contentcommitment", KeyUsage.nonRepudiation,
            "keyencipherment", KeyUsage.keyEncipherment,
            "dataencipherment", KeyUsage.dataEncipherment,
            "keyagreement", KeyUsage.keyAgreement,
            "certsign", KeyUsage.keyCertSign,
            "crlsign", KeyUsage.cRLSign,
            "encipheronly", KeyUsage.encipherOnly,
            "decipheronly", KeyUsage.decipherOnly);

    private static final Map<String, KeyPurposeId> EXT_KEY_USAGE = Map.ofEntries(
            Map.entry("any", KeyPurposeId.anyExtendedKeyUsage),
            Map.entry("serverauth", KeyPurposeId.id_kp_serverAuth),
            Map.entry("clientauth", KeyPurposeId.id_kp_clientAuth),
            Map.entry("codesigning", KeyPurposeId.id_kp_codeSigning),
            Map.entry("emailprotection", KeyPurposeId.id_kp_emailProtection),
            Map.entry("ipsecendsystem", KeyPurposeId.id_kp_ipsecEndSystem),
            Map.entry("ipsectunnel", KeyPurposeId.id_kp_ipsecTunnel),
            Map.entry("ipsecuser", KeyPurposeId.id_kp_ipsecUser),
            Map.entry("timestamping", KeyPurposeId.id_kp_timeStamping),
            Map.entry("ocspsigning", KeyPurposeId.id_kp_OCSPSigning));

    private Usages() {
    }

    /** The bits of the named usages; Vault's names, any case, with or without a {@code KeyUsage} prefix. */
    public static int keyUsage(List<String> names) {
        int bits = 0;
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT).replaceFirst("^keyusage", "");
            if (n.isEmpty()) {
                continue;
            }
            Integer bit = KEY_USAGE.get(n);
            if (bit == null) {
                throw VaultException.badRequest("unrecognized key usage: " + name);
            }
            bits |= bit;
        }
        return bits;
    }

    /** The role's extended key usages: its flags, its names and its OIDs. */
    public static List<KeyPurposeId> extKeyUsage(Role role) {
        List<KeyPurposeId> out = new ArrayList<>();
        if (role.bool("server_flag")) {
            out.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (role.bool("client_flag")) {
            out.add(KeyPurposeId.id_kp_clientAuth);
        }
        if (role.bool("code_signing_flag")) {
            out.add(KeyPurposeId.id_kp_codeSigning);
        }
        if (role.bool("email_protection_flag")) {
            out.add(KeyPurposeId.id_kp_emailProtection);
        }
        for (String name : role.strings("ext_key_usage")) {
            String n = name.trim().toLowerCase(Locale.ROOT).replaceFirst("^extkeyusage", "");
            KeyPurposeId id = EXT_KEY_USAGE.get(n);
            if (id == null) {
                throw VaultException.badRequest("unrecognized extended key usage: " + name);
            }
            add(out, id);
        }
        for (String oid : role.strings("ext_key_usage_oids")) {
            try {
                add(out, KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid.trim())));
            } catch (IllegalArgumentException e) {
                throw VaultException.badRequest("invalid extended key usage OID: " + oid);
            }
        }
        return out;
    }

    private static void add(List<KeyPurposeId> list, KeyPurposeId id) {
        if (!list.contains(id)) {
            list.add(id);
        }
    }
}
