package dev.arca.pki.issuers;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.config.UrlsPath;
import dev.arca.pki.issue.CertFields;
import dev.arca.pki.issue.CsrNames;
import dev.arca.pki.issue.Output;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.IssuerKey;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.KeySpec;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Roots and what a root signs: {@code root/generate/<type>} (also {@code issuers/generate/root/<type>}
 * and {@code root/rotate/<type>}), {@code root/sign-intermediate}, {@code root/sign-self-issued},
 * {@code root/replace} and {@code DELETE root}.
 */
@Component
public class RootPath {

    private final Hierarchy hierarchy;
    private final PkiStore store;

    public RootPath(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.store = hierarchy.store();
    }

    public List<PathFamily> families() {
        List<PathFamily> out = new ArrayList<>();
        for (String p : List.of("root/generate/{exported}", "issuers/generate/root/{exported}", "root/rotate/{exported}")) {
            out.add(CertFields.add(CertFields.add(PathFamily.of(p), CertFields.ca()), CertFields.key())
                    .field(Field.path("exported", "internal, exported (the private key is returned) or existing (key_ref)."))
                    .field(Field.string("issuer_name", "A name for the new issuer.").withDefault(""))
                    .write(this::generate, "Generate a root CA.")
                    .help("Generate a new self-signed root CA.",
                            "The key stays behind the barrier; only the exported type returns it, once.")
                    .build());
        }
        for (String p : List.of("root/sign-intermediate", "issuer/{issuer_ref}/sign-intermediate")) {
            out.add(CertFields.add(PathFamily.of(p), CertFields.ca())
                    .field(Field.string("csr", "The intermediate's PEM CSR.").asRequired())
                    .field(Field.of("use_csr_values", dev.arca.core.backend.FieldType.BOOL, "Take the subject and SANs from the CSR.")
                            .withDefault(false))
                    .write(this::signIntermediate, "Sign an intermediate CA's CSR.")
                    .help("Issue an intermediate CA certificate for a CSR.", "")
                    .build());
        }
        for (String p : List.of("root/sign-self-issued", "issuer/{issuer_ref}/sign-self-issued")) {
            out.add(PathFamily.of(p)
                    .field(Field.string("certificate", "The self-issued PEM CA certificate.").asRequired())
                    .field(Field.string("issuer_ref", "The issuer that signs.").withDefault("default"))
                    .field(Field.of("require_matching_certificate_algorithms", dev.arca.core.backend.FieldType.BOOL,
                            "Whether the key types must match.").withDefault(false))
                    .write(this::signSelfIssued, "Sign a self-issued CA certificate.")
                    .help("Re-sign a self-issued CA certificate with this CA (cross-signing).", "")
                    .build());
        }
        out.add(PathFamily.of("root/replace")
                .field(Field.string("default", "The issuer that becomes the default.").withDefault("next"))
                .write(this::replace, "Make another issuer the default.")
                .help("Replace the default issuer.", "")
                .build());
        out.add(PathFamily.of("root")
                .delete(this::deleteAll, "Delete every issuer and key of the mount.")
                .help("Delete the CA.", "Every issuer and key of the mount is deleted; issued certificates stay in the store.")
                .build());
        return out;
    }

    private ResponseEntity<?> generate(BackendRequest r) {
        FieldData f = r.fields();
        boolean exported = Hierarchy.exported(r);
        Output output = Output.of(f.string("format"), f.string("private_key_format"));
        String cn = f.string("common_name");
        if (cn.isEmpty()) {
            throw VaultException.badRequest("the common_name field is required");
        }
        String mount = r.mountAccessor();
        Map<String, Object>[] data = new Map[1];
        store.change(mount, () -> {
            MountState state = store.state(mount);
            IssuerKey key = hierarchy.key(r, state);
            X500Name subject = Hierarchy.subject(f, cn);
            Certificates.Template t = Hierarchy.caTemplate(r, subject, SubjectPublicKeyInfo.getInstance(key.pair().getPublic().getEncoded()),
                    f.integer("max_path_length"), null, UrlsPath.urls(state));
            String alg = KeySpec.of(key.pair().getPublic()).signatureAlgorithm(f.number("signature_bits"), f.bool("use_pss", false));
            X509CertificateHolder cert = Certificates.sign(t, new Certificates.Signer(null, key.pair().getPrivate(), key.pair().getPublic(), alg));
            Issuer issuer = hierarchy.addIssuer(mount, state, cert, List.of(), key.id(), f.string("issuer_name"), true);
            data[0] = output.certificate(cert, List.of(), exported ? key.pair() : null, false);
            data[0].remove("ca_chain");
            Hierarchy.describe(data[0], issuer, key);
        });
        return r.ok(data[0]);
    }

    private ResponseEntity<?> signIntermediate(BackendRequest r) {
        FieldData f = r.fields();
        Output output = Output.of(f.string("format"), f.string("private_key_format"));
        PKCS10CertificationRequest csr = Pem.csr(f.string("csr"));
        CsrNames.verify(csr);
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        Issuer issuer = state.requireIssuer(f.has("issuer_ref") ? f.string("issuer_ref") : MountState.DEFAULT);
        X500Name subject;
        if (f.bool("use_csr_values", false)) {
            subject = csr.getSubject();
        } else {
            String cn = f.string("common_name").isEmpty() ? Subjects.commonName(csr.getSubject()) : f.string("common_name");
            subject = Hierarchy.subject(f, cn);
        }
        int pathLength = f.integer("max_path_length");
        BasicConstraints parent = BasicConstraints.fromExtensions(issuer.certificate().getExtensions());
        if (parent != null && parent.getPathLenConstraint() != null) {
            int limit = parent.getPathLenConstraint().intValue() - 1;
            if (limit < 0) {
                throw VaultException.badRequest("the issuer's path length constraint does not allow it to sign a CA");
            }
            pathLength = pathLength < 0 ? limit : Math.min(pathLength, limit);
        }
        Certificates.Template t = Hierarchy.caTemplate(r, subject, csr.getSubjectPublicKeyInfo(), pathLength, issuer, UrlsPath.urls(state));
        X509CertificateHolder cert = Certificates.sign(t, state.signer(issuer, f.number("signature_bits"), f.bool("use_pss", false)));
        hierarchy.storeCert(mount, cert, issuer.id());
        return r.ok(output.certificate(cert, issuer.fullChain(), null, false));
    }

    private ResponseEntity<?> signSelfIssued(BackendRequest r) {
        FieldData f = r.fields();
        X509CertificateHolder cert = Pem.certificate(f.string("certificate"), "certificate");
        if (!cert.getIssuer().equals(cert.getSubject())) {
            throw VaultException.badRequest("given certificate is not self-issued");
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
        if (bc == null || !bc.isCA()) {
            throw VaultException.badRequest("given certificate is not a CA certificate");
        }
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        Issuer issuer = state.requireIssuer(f.string("issuer_ref"));
        Certificates.Signer signer = state.signer(issuer);
        if (f.bool("require_matching_certificate_algorithms", false)
                && !KeySpec.of(Pem.publicKey(cert.getSubjectPublicKeyInfo())).type().equals(KeySpec.of(signer.publicKey()).type())) {
            throw VaultException.badRequest("signing certificate's key type does not match the self-issued certificate's");
        }
        X509CertificateHolder signed = Certificates.resign(cert, signer);
        return r.ok(Map.of("certificate", Pem.certificate(signed), "issuing_ca", issuer.pem()));
    }

    private ResponseEntity<?> replace(BackendRequest r) {
        String mount = r.mountAccessor();
        String ref = r.fields().string("default");
        MountState state = store.state(mount);
        Issuer next = state.requireIssuer(ref.equals("next") ? latestOther(state) : ref);
        store.change(mount, () -> hierarchy.setDefault(mount, state.config(MountState.ISSUERS), next.id()));
        return r.ok(Map.of("default", next.id(), "default_follows_latest_issuer",
                state.config(MountState.ISSUERS).path("default_follows_latest_issuer").asBoolean(false)));
    }

    /** {@code next}: the newest issuer that is not the default. */
    private static String latestOther(MountState state) {
        List<Issuer> all = state.issuers();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (!all.get(i).id().equals(state.defaultIssuerId())) {
                return all.get(i).id();
            }
        }
        throw VaultException.badRequest("no issuer other than the default to replace it with");
    }

    private ResponseEntity<?> deleteAll(BackendRequest r) {
        String mount = r.mountAccessor();
        store.change(mount, () -> {
            MountState state = store.state(mount);
            state.issuers().forEach(i -> store.repository().deleteIssuer(mount, i.id()));
            state.keys().forEach(k -> store.repository().deleteKey(mount, k.id()));
            store.repository().saveConfig(mount, MountState.ISSUERS, Hierarchy.emptyDocument());
            store.repository().saveConfig(mount, MountState.KEYS, Hierarchy.emptyDocument());
        });
        return BackendRequest.noContent();
    }
}
