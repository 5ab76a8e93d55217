package dev.arca.pki.issue;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.roles.Role;
import dev.arca.pki.x509.Pem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code sign/<role>} (cert-manager's request: {@code csr}, {@code common_name}, {@code alt_names},
 * {@code ip_sans}, {@code uri_sans}, {@code ttl}, {@code exclude_cn_from_sans}, {@code format}) and
 * {@code sign-verbatim[/<role>]}: a certificate for the caller's CSR, under a role or as the CSR asks.
 */
@Component
public class SignPath {

    private final Issuance issuance;

    public SignPath(Issuance issuance) {
        this.issuance = issuance;
    }

    public List<PathFamily> families() {
        return List.of(sign("sign/{role}"), sign("issuer/{issuer_ref}/sign/{role}"),
                verbatim("sign-verbatim"), verbatim("sign-verbatim/{role}"),
                verbatim("issuer/{issuer_ref}/sign-verbatim"), verbatim("issuer/{issuer_ref}/sign-verbatim/{role}"));
    }

    private PathFamily sign(String pattern) {
        return CertFields.add(PathFamily.of(pattern), CertFields.common())
                .field(Field.path("role", "The role to sign under."))
                .field(Field.string("csr", "The PEM certificate signing request.").asRequired())
                .write(this::sign, "Sign a certificate signing request under a role.")
                .help("Sign a CSR under a role.", "The CSR's key must satisfy the role's key_type and key_bits.")
                .build();
    }

    private PathFamily verbatim(String pattern) {
        PathFamily.Builder b = CertFields.add(PathFamily.of(pattern), CertFields.common())
                .field(Field.string("csr", "The PEM certificate signing request.").asRequired())
                .field(Field.of("key_usage", FieldType.COMMA_STRING_SLICE, "Key usages."))
                .field(Field.of("ext_key_usage", FieldType.COMMA_STRING_SLICE, "Extended key usages."))
                .field(Field.of("ext_key_usage_oids", FieldType.COMMA_STRING_SLICE, "Extended key usages by OID."));
        if (pattern.endsWith("{role}")) {
            b.field(Field.path("role", "The role whose TTLs apply."));
        }
        return b.write(this::verbatim, "Sign a certificate signing request as it is.")
                .help("Sign a CSR verbatim.", "The subject and names come from the CSR unchanged; only the TTL rules apply.")
                .build();
    }

    /**
     * Signs a CSR exactly as {@code [issuer/<ref>/]sign/<role>} does, or {@code [issuer/<ref>/]sign-verbatim}
     * when there is no role: the input is converted and validated as that path's fields and runs its
     * handler, so a protocol spoken on the mount (ACME's finalize) issues through the one code path.
     *
     * @param input      the path's fields, e.g. {@code csr}, {@code common_name}, {@code alt_names}
     * @param roleUsages whether the role's extended key usages apply; else the certificate is for serverAuth only
     */
    public ResponseEntity<?> signAs(BackendRequest r, @Nullable String role, @Nullable String issuerRef, boolean roleUsages,
            ObjectNode input) {
        String pattern = (issuerRef == null ? "" : "issuer/{issuer_ref}/") + (role == null ? "sign-verbatim" : "sign/{role}");
        PathFamily family = role == null ? verbatim(pattern) : sign(pattern);
        Map<String, String> captures = new HashMap<>();
        if (role != null) {
            captures.put("role", role);
        }
        if (issuerRef != null) {
            captures.put("issuer_ref", issuerRef);
        }
        BackendRequest call = r.asWrite(family, input, captures);
        return role == null ? verbatim(call) : sign(call, roleUsages ? UnaryOperator.identity() : Role::serverAuthOnly);
    }

    private ResponseEntity<?> sign(BackendRequest r) {
        return sign(r, UnaryOperator.identity());
    }

    private ResponseEntity<?> sign(BackendRequest r, UnaryOperator<Role> usages) {
        PKCS10CertificationRequest csr = csr(r);
        return issuance.issue(r, usages.apply(issuance.role(r)), null, csr, false);
    }

    private ResponseEntity<?> verbatim(BackendRequest r) {
        PKCS10CertificationRequest csr = csr(r);
        Role role = r.fields().has("role") ? issuance.role(r) : Role.verbatim();
        return issuance.issue(r, role, null, csr, true);
    }

    private static PKCS10CertificationRequest csr(BackendRequest r) {
        PKCS10CertificationRequest csr = Pem.csr(r.fields().string("csr"));
        CsrNames.verify(csr);
        return csr;
    }
}
