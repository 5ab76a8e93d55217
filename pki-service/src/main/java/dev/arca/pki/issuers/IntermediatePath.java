package dev.arca.pki.issuers;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.issue.CertFields;
import dev.arca.pki.issue.Output;
import dev.arca.pki.roles.Names;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.IssuerKey;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.KeySpec;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Subjects;
import java.io.IOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Intermediates: {@code intermediate/generate/<type>} (a key and a CSR), and importing certificates
 * and keys: {@code intermediate/set-signed}, {@code issuers/import/cert}, {@code issuers/import/bundle},
 * {@code config/ca}. An imported certificate whose key the mount holds becomes an issuer that signs.
 */
@Component
public class IntermediatePath {

    private final Hierarchy hierarchy;
    private final PkiStore store;

    public IntermediatePath(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.store = hierarchy.store();
    }

    public List<PathFamily> families() {
        List<PathFamily> out = new ArrayList<>();
        for (String p : List.of("intermediate/generate/{exported}", "issuers/generate/intermediate/{exported}")) {
            out.add(CertFields.add(CertFields.add(PathFamily.of(p), CertFields.ca()), CertFields.key())
                    .field(Field.path("exported", "internal, exported (the private key is returned) or existing (key_ref)."))
                    .field(Field.of("add_basic_constraints", FieldType.BOOL, "Whether the CSR asks for CA basic constraints.")
                            .withDefault(false))
                    .write(this::generate, "Generate an intermediate CA's key and CSR.")
                    .help("Generate a key and a CSR for an intermediate CA.",
                            "Have the CSR signed, then import the certificate with intermediate/set-signed.")
                    .build());
        }
        out.add(importFamily("intermediate/set-signed", "certificate"));
        out.add(importFamily("issuers/import/cert", "pem_bundle"));
        out.add(importFamily("issuers/import/bundle", "pem_bundle"));
        out.add(importFamily("config/ca", "pem_bundle"));
        return out;
    }

    private PathFamily importFamily(String pattern, String field) {
        return PathFamily.of(pattern)
                .field(Field.string(field, "PEM certificates (and for bundles, private keys).").asRequired())
                .write(r -> importBundle(r, r.fields().string(field), !pattern.equals("intermediate/set-signed")
                        && !pattern.equals("issuers/import/cert")), "Import CA certificates.")
                .help("Import CA certificates and keys.", "Each CA certificate becomes an issuer; one whose key the mount holds can sign.")
                .build();
    }

    private ResponseEntity<?> generate(BackendRequest r) {
        FieldData f = r.fields();
        boolean exported = Hierarchy.exported(r);
        Output.of(f.string("format"), f.string("private_key_format"));
        String mount = r.mountAccessor();
        Map<String, Object> data = new LinkedHashMap<>();
        store.change(mount, () -> {
            IssuerKey key = hierarchy.key(r, store.state(mount));
            X500Name subject = Hierarchy.subject(f, f.string("common_name"));
            data.put("csr", csr(r, subject, key.pair()));
            if (exported) {
                String pem = Pem.privateKey(key.pair(), f.string("private_key_format").equals("pkcs8"));
                data.put("private_key", f.string("format").equals("der") ? Output.der(pem) : pem);
                data.put("private_key_type", key.type());
            }
            data.put("key_id", key.id());
        });
        if (f.string("format").equals("der")) {
            data.put("csr", Output.der((String) data.get("csr")));
        }
        return r.ok(data);
    }

    private static String csr(BackendRequest r, X500Name subject, KeyPair key) {
        FieldData f = r.fields();
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
            ExtensionsGenerator ext = new ExtensionsGenerator();
            List<GeneralName> names = new ArrayList<>();
            String cn = f.string("common_name");
            if (!cn.isEmpty() && !f.bool("exclude_cn_from_sans", false) && Names.looksLikeHostname(cn)) {
                names.add(new GeneralName(GeneralName.dNSName, cn));
            }
            f.strings("alt_names").forEach(n -> names.add(new GeneralName(n.contains("@") ? GeneralName.rfc822Name : GeneralName.dNSName, n)));
            f.strings("ip_sans").forEach(ip -> names.add(Subjects.ip(ip)));
            f.strings("uri_sans").forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
            if (!names.isEmpty()) {
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (f.bool("add_basic_constraints", false)) {
                ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (!ext.isEmpty()) {
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String alg = KeySpec.of(key.getPublic()).signatureAlgorithm(f.number("signature_bits"), f.bool("use_pss", false));
            PKCS10CertificationRequest csr = b.build(new Certificates.Signer(null, key.getPrivate(), key.getPublic(), alg).contentSigner());
            return Pem.encode("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<?> importBundle(BackendRequest r, String bundle, boolean keysAllowed) {
        List<X509CertificateHolder> certs = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        for (Object o : Pem.parse(bundle, "certificate")) {
            if (o instanceof X509CertificateHolder c) {
                certs.add(c);
            } else if (o instanceof PEMKeyPair kp && keysAllowed) {
                keys.add(keyPair(kp));
            } else {
                throw VaultException.badRequest("the bundle may only hold certificates" + (keysAllowed ? " and private keys" : ""));
            }
        }
        String mount = r.mountAccessor();
        Map<String, Object> data = new LinkedHashMap<>();
        store.change(mount, () -> {
            MountState state = store.state(mount);
            List<String> importedKeys = new ArrayList<>();
            List<String> existingKeys = new ArrayList<>();
            List<IssuerKey> available = new ArrayList<>(state.keys());
            for (KeyPair kp : keys) {
                IssuerKey found = match(available, SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
                if (found != null) {
                    existingKeys.add(found.id());
                } else {
                    IssuerKey k = new IssuerKey(UUID.randomUUID().toString(), "", KeySpec.of(kp.getPublic()).type(), kp);
                    store.repository().insertKey(mount, k);
                    available.add(k);
                    importedKeys.add(k.id());
                }
            }
            List<String> imported = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            Map<String, String> mapping = new LinkedHashMap<>();
            List<X509CertificateHolder> known = new ArrayList<>(certs);
            state.issuers().forEach(i -> known.add(i.certificate()));
            for (X509CertificateHolder cert : certs) {
                BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
                if (bc == null || !bc.isCA()) {
                    throw VaultException.badRequest("refusing to import a non-CA certificate as an issuer");
                }
                Issuer already = state.issuers().stream().filter(i -> i.certificate().equals(cert)).findFirst().orElse(null);
                if (already != null) {
                    existing.add(already.id());
                    mapping.put(already.id(), already.keyId() == null ? "" : already.keyId());
                    continue;
                }
                IssuerKey key = match(available, cert.getSubjectPublicKeyInfo());
                Issuer issuer = hierarchy.addIssuer(mount, state, cert, chain(cert, known), key == null ? null : key.id(), "", true);
                imported.add(issuer.id());
                mapping.put(issuer.id(), key == null ? "" : key.id());
            }
            data.put("imported_issuers", imported.isEmpty() ? null : imported);
            data.put("imported_keys", importedKeys.isEmpty() ? null : importedKeys);
            data.put("mapping", mapping);
            data.put("existing_issuers", existing.isEmpty() ? null : existing);
            data.put("existing_keys", existingKeys.isEmpty() ? null : existingKeys);
        });
        return r.ok(data);
    }

    private static IssuerKey match(List<IssuerKey> keys, SubjectPublicKeyInfo spki) {
        for (IssuerKey k : keys) {
            if (SubjectPublicKeyInfo.getInstance(k.pair().getPublic().getEncoded()).equals(spki)) {
                return k;
            }
        }
        return null;
    }

    /** The certificates above {@code cert} among those known, nearest first, up to a self-signed one or the first gap. */
    static List<String> chain(X509CertificateHolder cert, List<X509CertificateHolder> known) {
        List<String> out = new ArrayList<>();
        X509CertificateHolder at = cert;
        while (!at.getIssuer().equals(at.getSubject()) && out.size() < 10) {
            X509CertificateHolder child = at;
            X509CertificateHolder parent = known.stream().filter(c -> !c.equals(child) && Certificates.signedBy(child, c)).findFirst()
                    .orElse(null);
            if (parent == null) {
                break;
            }
            out.add(Pem.certificate(parent));
            at = parent;
        }
        return out;
    }

    private static KeyPair keyPair(PEMKeyPair kp) {
        try {
            return new JcaPEMKeyConverter().getKeyPair(kp);
        } catch (IOException e) {
            throw VaultException.badRequest("unsupported private key in the bundle");
        }
    }
}
