package dev.arca.pki.issue;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.FieldData;
import dev.arca.core.lease.LeaseClient;
import dev.arca.pki.config.UrlsPath;
import dev.arca.pki.roles.Names;
import dev.arca.pki.roles.Role;
import dev.arca.pki.roles.Usages;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.store.CertWriter;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.KeySpec;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import dev.arca.pki.x509.Subjects;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Issues a leaf certificate under a role: the names it asks for (from the request, or the CSR as the
 * role says) checked against the role, the validity, the role's usages, the issuer's signature; then
 * the certificate is stored (unless {@code no_store}) and leased (when {@code generate_lease}) before
 * it leaves. A lease that cannot be registered takes the stored certificate with it.
 */
@Component
public class Issuance {

    /** The secret type of leased certificates; revoking the lease revokes the certificate. */
    public static final String SECRET_TYPE = "pki";

    private final PkiStore store;
    private final CertRepository certs;
    private final LeaseClient leases;
    private final CertWriter writer;

    public Issuance(PkiStore store, CertRepository certs, LeaseClient leases, CertWriter writer) {
        this.store = store;
        this.certs = certs;
        this.leases = leases;
        this.writer = writer;
    }

    /** The role a request names, or Vault's 400 for an unknown one. */
    public Role role(BackendRequest r) {
        String name = r.fields().string("role");
        return store.role(r.mountAccessor(), name).map(Role::new)
                .orElseThrow(() -> VaultException.badRequest("unknown role: " + name));
    }

    /**
     * @param key      the key pair generated for the caller ({@code issue}), or null ({@code sign})
     * @param csr      the caller's request ({@code sign}), or null
     * @param verbatim {@code sign-verbatim}: the CSR's subject and names as they are, no name rules
     */
    public ResponseEntity<?> issue(BackendRequest r, Role role, @Nullable KeyPair key, @Nullable PKCS10CertificationRequest csr,
            boolean verbatim) {
        FieldData f = r.fields();
        Output output = Output.of(f.string("format"), f.string("private_key_format"));
        if (!f.strings("user_ids").isEmpty()) {
            throw VaultException.badRequest("user_ids are not supported");
        }
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        String ref = f.has("issuer_ref") ? f.string("issuer_ref") : role.string("issuer_ref");
        Issuer issuer = state.requireIssuer(ref);
        if (!issuer.usage().contains("issuing-certificates")) {
            throw VaultException.badRequest("issuer " + issuer.id() + " is not allowed to issue certificates (usage)");
        }
        SubjectPublicKeyInfo spki = csr != null ? csr.getSubjectPublicKeyInfo()
                : SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
        if (csr != null && !verbatim) {
            KeySpec.of(Pem.publicKey(spki)).check(KeySpec.parse(role.string("key_type"), role.number("key_bits"), true));
        }
        Requested names = names(f, role, csr, verbatim);
        X500Name subject = verbatim && csr != null ? csr.getSubject() : subject(f, role, names.commonName());
        Validity validity = Validity.of(r, role.number("ttl"), role.number("max_ttl"), role.string("not_after"),
                role.number("not_before_duration"), issuer);
        int keyUsage = Usages.keyUsage(verbatim && f.has("key_usage") ? f.strings("key_usage") : role.strings("key_usage"));
        List<KeyPurposeId> eku = Usages.extKeyUsage(verbatim ? verbatimUsages(f) : role);
        Certificates.Template template = new Certificates.Template(Serials.random(), subject, spki,
                Subjects.altNames(names.dns(), names.emails(), names.ips(), names.uris(), names.others()), validity.notBefore(),
                validity.notAfter(), false, -1, keyUsage, eku, UrlsPath.urls(state), List.of());
        X509CertificateHolder cert = Certificates.sign(template,
                state.signer(issuer, role.number("signature_bits"), role.bool("use_pss")));
        Map<String, Object> data = output.certificate(cert, issuer.fullChain(), key, f.bool("remove_roots_from_chain", false));
        String serial = Serials.format(cert.getSerialNumber());
        boolean stored = !role.bool("no_store");
        if (stored) {
            writer.insert(mount, new CertRecord(serial, issuer.id(), Pem.encoded(cert), validity.notAfter(), null));
        }
        if (role.bool("generate_lease")) {
            if (!stored) {
                throw VaultException.badRequest("generate_lease requires the certificate to be stored (no_store=false)");
            }
            LeaseClient.Lease lease = leases.registerOrUndo(r, new LeaseClient.Spec(SECRET_TYPE, validity.ttlSeconds(), 0, 0, false,
                    Map.of("serial_number", serial)), () -> certs.delete(mount, serial));
            return r.leased(data, lease);
        }
        return r.ok(data);
    }

    /** The names of the certificate: common name and SANs, each list checked against the role. */
    private record Requested(String commonName, List<String> dns, List<String> emails, List<String> ips, List<String> uris,
            List<String[]> others) {
    }

    private static Requested names(FieldData f, Role role, @Nullable PKCS10CertificationRequest csr, boolean verbatim) {
        String cn = f.string("common_name");
        if (csr != null && (verbatim || role.bool("use_csr_common_name"))) {
            String fromCsr = Subjects.commonName(csr.getSubject());
            cn = fromCsr.isEmpty() ? cn : fromCsr;
        }
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        List<String[]> others = new ArrayList<>();
        if (csr != null && (verbatim || role.bool("use_csr_sans"))) {
            CsrNames n = CsrNames.of(csr);
            dns.addAll(n.dns());
            emails.addAll(n.emails());
            ips.addAll(n.ips());
            uris.addAll(n.uris());
            others.addAll(n.others());
        }
        if (csr == null || !role.bool("use_csr_sans") || verbatim) {
            for (String name : f.strings("alt_names")) {
                addOnce(name.contains("@") ? emails : dns, name.trim());
            }
            f.strings("ip_sans").forEach(ip -> addOnce(ips, ip.trim()));
            f.strings("uri_sans").forEach(u -> addOnce(uris, u.trim()));
            for (String o : f.strings("other_sans")) {
                others.add(Names.parseOtherSan(o));
            }
        }
        if (!cn.isEmpty() && !f.bool("exclude_cn_from_sans", false)) {
            if (cn.contains("@")) {
                addOnce(emails, cn);
            } else if (Names.looksLikeHostname(cn)) {
                addOnce(dns, cn);
            }
        }
        if (!verbatim) {
            check(f, role, cn, dns, emails, ips, uris, others);
        }
        return new Requested(cn, dns, emails, ips, uris, others);
    }

    private static void check(FieldData f, Role role, String cn, List<String> dns, List<String> emails, List<String> ips,
            List<String> uris, List<String[]> others) {
        if (cn.isEmpty() && role.bool("require_cn")) {
            throw VaultException.badRequest("the common_name field is required, or must be provided in a CSR with "
                    + "\"use_csr_common_name\" set to true, unless \"require_cn\" is set to false");
        }
        if (!cn.isEmpty() && !role.strings("cn_validations").contains("disabled") && Names.firstDenied(role, List.of(cn)) != null) {
            throw VaultException.badRequest("common name " + cn + " not allowed by this role");
        }
        String bad = Names.firstDenied(role, dns);
        if (bad != null) {
            throw VaultException.badRequest("subject alternate name " + bad + " not allowed by this role");
        }
        bad = Names.firstDenied(role, emails);
        if (bad != null) {
            throw VaultException.badRequest("email address " + bad + " not allowed by this role");
        }
        if (!ips.isEmpty() && !role.bool("allow_ip_sans")) {
            throw VaultException.badRequest("IP Subject Alternative Names are not allowed in this role, but was provided " + ips.getFirst());
        }
        for (String u : uris) {
            if (!Names.anyGlob(role.strings("allowed_uri_sans"), u)) {
                throw VaultException.badRequest("URI Subject Alternative Names are not allowed in this role, but was provided " + u);
            }
        }
        for (String[] o : others) {
            if (!Names.otherSanAllowed(role, o[0], o[1])) {
                throw VaultException.badRequest("other SAN " + o[1] + " not allowed for OID " + o[0] + " by this role");
            }
        }
        String serial = f.string("serial_number");
        if (!serial.isEmpty() && !role.strings("allowed_serial_numbers").isEmpty()
                && !Names.anyGlob(role.strings("allowed_serial_numbers"), serial)) {
            throw VaultException.badRequest("serial_number " + serial + " not allowed by this role");
        }
    }

    private static X500Name subject(FieldData f, Role role, String cn) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (String part : Subjects.partNames()) {
            parts.put(part, role.strings(part));
        }
        return Subjects.name(cn, f.string("serial_number"), parts);
    }

    private static Role verbatimUsages(FieldData f) {
        var doc = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        var list = doc.putArray("ext_key_usage");
        f.strings("ext_key_usage").forEach(list::add);
        var oids = doc.putArray("ext_key_usage_oids");
        f.strings("ext_key_usage_oids").forEach(oids::add);
        return new Role(doc);
    }

    private static void addOnce(List<String> list, String value) {
        if (!value.isEmpty() && !list.contains(value)) {
            list.add(value);
        }
    }
}
