package dev.arca.identity.cert;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.login.LoginTokens;
import dev.arca.identity.login.TokenSettings;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code cert} auth method: trusted certificates ({@code certs/<name>}: a CA or a leaf, with
 * constraints and token settings) and {@code login} with the TLS client certificate the caller
 * presented to the gateway, against one named entry or every entry of the mount. Every failed login
 * gives the same answer.
 */
@Configuration(proxyBeanMethods = false)
public class CertBackend {

    static final String INVALID = "invalid certificate or no client certificate supplied";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";

    private static final List<String> CONSTRAINTS = List.of("allowed_common_names", "allowed_dns_sans", "allowed_email_sans",
            "allowed_uri_sans", "allowed_organizational_units", "required_extensions");

    private final CertStore certs;
    private final LoginTokens logins;

    public CertBackend(CertStore certs, LoginTokens logins) {
        this.certs = certs;
        this.logins = logins;
    }

    @Bean
    Backend cert() {
        PathFamily.Builder entry = PathFamily.of("certs/{name}")
                .field(Field.path("name", "The entry's name."))
                .field(Field.string("certificate", "The trusted certificate in PEM: a CA, or the one leaf that may log in."))
                .field(Field.string("display_name", "The display name of tokens issued; the entry's name when empty."))
                .field(Field.of("policies", FieldType.COMMA_STRING_SLICE, "Older name of token_policies."));
        CONSTRAINTS.forEach(c -> entry.field(Field.of(c, FieldType.COMMA_STRING_SLICE, "Globs the login certificate must match; empty for any.")));
        TokenSettings.fields().forEach(entry::field);
        return Backend.builder("cert", Backend.Kind.AUTH)
                .description("TLS client certificates")
                .unauthenticated("login")
                .paths(PathFamily.of("certs/?")
                                .list(r -> r.keys(certs.names(r.mountAccessor())), "List trusted certificate entries.")
                                .help("The trusted certificate entries of this mount.", "").build(),
                        entry.read(this::read, "Read a trusted certificate entry.")
                                .write(this::write, "Create or change a trusted certificate entry.")
                                .delete(r -> {
                                    certs.delete(r.mountAccessor(), name(r));
                                    return BackendRequest.noContent();
                                }, "Delete a trusted certificate entry.")
                                .existenceCheck(r -> certs.find(r.mountAccessor(), name(r)).isPresent())
                                .help("A certificate that logins are verified against, and the settings of the tokens they get.", "")
                                .build(),
                        PathFamily.of("login")
                                .field(Field.string("name", "The entry to verify against; every entry of the mount when empty."))
                                .write(this::login, "Log in with the connection's TLS client certificate.")
                                .help("Log in: the answer's auth block carries the token.", "").build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        certs.deleteMount(mount.accessor());
                    }
                })
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        CertRole c = certs.find(r.mountAccessor(), name(r)).orElseThrow(VaultException::notFound);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("allowed_common_names", c.allowedCommonNames());
        data.put("allowed_dns_sans", c.allowedDnsSans());
        data.put("allowed_email_sans", c.allowedEmailSans());
        data.put("allowed_organizational_units", c.allowedOrganizationalUnits());
        data.put("allowed_uri_sans", c.allowedUriSans());
        data.put("certificate", c.certificate());
        data.put("display_name", c.displayName());
        data.put("policies", c.token().policies());
        data.put("required_extensions", c.requiredExtensions());
        data.putAll(c.token().toMap());
        return r.ok(data);
    }

    private ResponseEntity<?> write(BackendRequest r) {
        FieldData f = r.fields();
        CertRole existing = certs.find(r.mountAccessor(), name(r)).orElse(null);
        String pem = f.has("certificate") ? f.string("certificate") : existing == null ? "" : existing.certificate();
        if (pem.isBlank()) {
            throw VaultException.badRequest("must specify certificate");
        }
        CertVerifier.parsePem(pem);
        TokenSettings token = TokenSettings.parseWithPolicies(f, existing == null ? TokenSettings.DEFAULT : existing.token());
        certs.save(r.mountAccessor(), name(r), new CertRole(pem,
                f.has("display_name") ? f.string("display_name") : existing == null ? "" : existing.displayName(),
                constraint(f, "allowed_common_names", existing == null ? List.of() : existing.allowedCommonNames()),
                constraint(f, "allowed_dns_sans", existing == null ? List.of() : existing.allowedDnsSans()),
                constraint(f, "allowed_email_sans", existing == null ? List.of() : existing.allowedEmailSans()),
                constraint(f, "allowed_uri_sans", existing == null ? List.of() : existing.allowedUriSans()),
                constraint(f, "allowed_organizational_units", existing == null ? List.of() : existing.allowedOrganizationalUnits()),
                constraint(f, "required_extensions", existing == null ? List.of() : existing.requiredExtensions()),
                token));
        return BackendRequest.noContent();
    }

    private static List<String> constraint(FieldData f, String field, List<String> kept) {
        return f.has(field) ? f.strings(field).stream().map(String::trim).filter(s -> !s.isEmpty()).toList() : kept;
    }

    private ResponseEntity<?> login(BackendRequest r) {
        List<X509Certificate> chain = CertVerifier.chain(r.context().clientCertificates());
        if (chain.isEmpty()) {
            throw VaultException.badRequest(INVALID);
        }
        String only = r.fields().string("name").toLowerCase(Locale.ROOT);
        Map<String, CertRole> candidates = only.isEmpty() ? certs.all(r.mountAccessor())
                : certs.find(r.mountAccessor(), only).map(c -> Map.of(only, c)).orElse(Map.of());
        Instant now = Instant.now();
        X509Certificate leaf = chain.getFirst();
        for (Map.Entry<String, CertRole> e : candidates.entrySet()) {
            CertRole c = e.getValue();
            if (CertVerifier.trusts(CertVerifier.parsePem(c.certificate()), chain, now) && CertVerifier.meetsConstraints(c, leaf)) {
                return issue(r, e.getKey(), c, leaf);
            }
        }
        throw VaultException.badRequest(INVALID);
    }

    private ResponseEntity<?> issue(BackendRequest r, String name, CertRole c, X509Certificate leaf) {
        String cn = CertVerifier.commonName(leaf);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("authority_key_id", keyId(leaf, AUTHORITY_KEY_ID));
        meta.put("cert_name", name);
        meta.put("common_name", cn);
        meta.put("serial_number", leaf.getSerialNumber().toString());
        meta.put("subject_key_id", keyId(leaf, SUBJECT_KEY_ID));
        return logins.answer(r, logins.issue(r.context(), c.token(), "cert-" + (c.displayName().isEmpty() ? name : c.displayName()),
                meta, cn, Map.of()));
    }

    /** A key identifier extension's id as colon-separated hex, as Vault shows it; empty when absent. */
    private static String keyId(X509Certificate cert, String oid) {
        byte[] ext = cert.getExtensionValue(oid);
        if (ext == null) {
            return "";
        }
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            byte[] id = oid.equals(SUBJECT_KEY_ID) ? ASN1OctetString.getInstance(p).getOctets()
                    : AuthorityKeyIdentifier.getInstance(p).getKeyIdentifierObject().getOctets();
            return HexFormat.ofDelimiter(":").formatHex(id);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String name(BackendRequest r) {
        String n = r.fields().string("name").toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > 256) {
            throw VaultException.badRequest("invalid name");
        }
        return n;
    }
}
