package dev.arca.pki.issuers;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.FieldData;
import dev.arca.pki.issue.Validity;
import dev.arca.pki.roles.Names;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.IssuerKey;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.KeySpec;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import dev.arca.pki.x509.Subjects;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What the CA paths share: new keys, CA certificate templates from request fields, and adding issuers. */
@Component
public class Hierarchy {

    private final PkiStore store;
    private final CertRepository certs;

    public Hierarchy(PkiStore store, CertRepository certs) {
        this.store = store;
        this.certs = certs;
    }

    public PkiStore store() {
        return store;
    }

    /** {@code internal}, {@code exported} or {@code existing}: whether the key is returned, or an existing one is used. */
    public static boolean exported(BackendRequest r) {
        String type = r.fields().string("exported");
        return switch (type) {
            case "internal", "existing" -> false;
            case "exported" -> true;
            case "kms" -> throw VaultException.badRequest("managed keys (kms) are not supported");
            default -> throw VaultException.badRequest("invalid type: " + type + ", must be one of internal, exported, existing");
        };
    }

    /** The key a generation uses: a new one (stored inside the caller's change), or {@code key_ref} for {@code existing}. */
    public IssuerKey key(BackendRequest r, MountState state) {
        FieldData f = r.fields();
        if (f.string("exported").equals("existing")) {
            return state.requireKey(f.string("key_ref"));
        }
        KeySpec spec = KeySpec.parse(f.string("key_type"), f.number("key_bits"), false);
        String name = f.string("key_name");
        if (state.keyNameTaken(name, null)) {
            throw VaultException.badRequest("key name '" + name + "' is already in use");
        }
        KeyPair pair = spec.generate();
        IssuerKey key = new IssuerKey(UUID.randomUUID().toString(), name, spec.type(), pair);
        store.repository().insertKey(r.mountAccessor(), key);
        return key;
    }

    /** The subject a CA request's fields describe. */
    public static X500Name subject(FieldData f, String commonName) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (String part : Subjects.partNames()) {
            parts.put(part, f.strings(part));
        }
        return Subjects.name(commonName, f.string("serial_number"), parts);
    }

    /** A CA certificate's template from the request's fields. */
    public static Certificates.Template caTemplate(BackendRequest r, X500Name subject, SubjectPublicKeyInfo key, int maxPathLength,
            @Nullable Issuer parent, Certificates.Urls urls) {
        FieldData f = r.fields();
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        String cn = Subjects.commonName(subject);
        for (String n : f.strings("alt_names")) {
            (n.contains("@") ? emails : dns).add(n);
        }
        if (!cn.isEmpty() && !f.bool("exclude_cn_from_sans", false)) {
            if (cn.contains("@")) {
                emails.add(0, cn);
            } else if (Names.looksLikeHostname(cn)) {
                dns.add(0, cn);
            }
        }
        List<String[]> others = f.strings("other_sans").stream().map(Names::parseOtherSan).toList();
        Validity validity = Validity.of(r, 0, 0, "", f.number("not_before_duration"), parent);
        return new Certificates.Template(Serials.random(), subject, key,
                Subjects.altNames(dns, emails, f.strings("ip_sans"), f.strings("uri_sans"), others), validity.notBefore(),
                validity.notAfter(), true, maxPathLength, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature, List.of(),
                urls, f.strings("permitted_dns_domains"));
    }

    /**
     * Adds an issuer inside the caller's change, makes it the default when there is none, and keeps
     * its certificate in the store like every certificate the mount signed.
     */
    public Issuer addIssuer(String mount, MountState state, X509CertificateHolder cert, List<String> chain, @Nullable String keyId,
            String name, boolean storeCert) {
        if (state.issuerNameTaken(name, null)) {
            throw VaultException.badRequest("issuer name '" + name + "' is already in use");
        }
        Issuer issuer = new Issuer(UUID.randomUUID().toString(), name, keyId, cert, chain, "err",
                "read-only,issuing-certificates,crl-signing,ocsp-signing", Instant.now());
        store.repository().insertIssuer(mount, issuer);
        // Read in this change, not from the state: one change may add several issuers.
        ObjectNode config = store.repository().configs(mount).getOrDefault(MountState.ISSUERS, emptyDocument());
        if (config.path(MountState.DEFAULT).asString("").isEmpty() || config.path("default_follows_latest_issuer").asBoolean(false)) {
            setDefault(mount, config, issuer.id());
        }
        if (storeCert && certs.find(mount, issuer.serial()).isEmpty()) {
            certs.insert(mount, new CertRecord(issuer.serial(), issuer.id(), Pem.encoded(cert), issuer.notAfter(), null));
        }
        return issuer;
    }

    /** Keeps a certificate the mount signed in the store. */
    public void storeCert(String mount, X509CertificateHolder cert, String issuerId) {
        certs.insert(mount, new CertRecord(Serials.format(cert.getSerialNumber()), issuerId, Pem.encoded(cert),
                Certificates.notAfter(cert), null));
    }

    public void setDefault(String mount, ObjectNode config, String issuerId) {
        ObjectNode doc = config.deepCopy();
        doc.put(MountState.DEFAULT, issuerId);
        if (!doc.has("default_follows_latest_issuer")) {
            doc.put("default_follows_latest_issuer", false);
        }
        store.repository().saveConfig(mount, MountState.ISSUERS, doc);
    }

    public static ObjectNode emptyDocument() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The response fields naming the issuer and key a generation made. */
    public static void describe(Map<String, Object> data, Issuer issuer, IssuerKey key) {
        data.put("issuer_id", issuer.id());
        data.put("issuer_name", issuer.name());
        data.put("key_id", key.id());
        data.put("key_name", key.name());
    }
}
