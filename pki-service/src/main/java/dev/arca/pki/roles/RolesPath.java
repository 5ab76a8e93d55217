package dev.arca.pki.roles;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.Documents;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.KeySpec;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** {@code roles/<name>} and {@code LIST roles}: a role is one document of the fields below, with Vault's defaults. */
@Component
public class RolesPath {

    private static final List<String> DEFAULT_KEY_USAGE = List.of("DigitalSignature", "KeyAgreement", "KeyEncipherment");

    private final PkiStore store;
    private final PathFamily family;

    public RolesPath(PkiStore store) {
        this.store = store;
        this.family = build();
    }

    public PathFamily listFamily() {
        return PathFamily.of("roles/?")
                .list(r -> r.keys(store.repository().roleNames(r.mountAccessor())), "List the roles.")
                .help("List the roles of the mount.", "")
                .build();
    }

    public PathFamily family() {
        return family;
    }

    private PathFamily build() {
        PathFamily.Builder b = PathFamily.of("roles/{name}").field(Field.path("name", "Name of the role."));
        fields().forEach(b::field);
        return b.existenceCheck(r -> store.role(r.mountAccessor(), r.fields().string("name")).isPresent())
                .read(this::read, "Read a role.")
                .write(this::write, "Create or update a role.")
                .patch(this::write, "Update some fields of a role.")
                .delete(this::delete, "Delete a role.")
                .help("Manage the roles that can issue certificates.",
                        "A role decides which names, key types, TTLs and usages issue and sign accept.")
                .build();
    }

    private static List<Field> fields() {
        return List.of(
                Field.of("ttl", FieldType.DURATION, "Default TTL of issued certificates.").withDefault(0L),
                Field.of("max_ttl", FieldType.DURATION, "Maximum TTL of issued certificates.").withDefault(0L),
                Field.of("not_before_duration", FieldType.DURATION, "How far back NotBefore is set.").withDefault(30L),
                Field.string("not_after", "A fixed NotAfter (RFC 3339), instead of a TTL.").withDefault(""),
                Field.of("allow_localhost", FieldType.BOOL, "Whether localhost is allowed.").withDefault(true),
                Field.of("allowed_domains", FieldType.COMMA_STRING_SLICE, "Domains the names may be in.").withDefault(List.of()),
                Field.of("allowed_domains_template", FieldType.BOOL, "Identity templates in allowed_domains (not supported).")
                        .withDefault(false),
                Field.of("allow_bare_domains", FieldType.BOOL, "Whether the allowed domains themselves are allowed.").withDefault(false),
                Field.of("allow_subdomains", FieldType.BOOL, "Whether subdomains of the allowed domains are allowed.").withDefault(false),
                Field.of("allow_glob_domains", FieldType.BOOL, "Whether allowed domains are globs.").withDefault(false),
                Field.of("allow_wildcard_certificates", FieldType.BOOL, "Whether wildcard names are allowed.").withDefault(true),
                Field.of("allow_any_name", FieldType.BOOL, "Whether any name is allowed.").withDefault(false),
                Field.of("enforce_hostnames", FieldType.BOOL, "Whether names must be valid host names.").withDefault(true),
                Field.of("allow_ip_sans", FieldType.BOOL, "Whether IP SANs are allowed.").withDefault(true),
                Field.of("allowed_uri_sans", FieldType.COMMA_STRING_SLICE, "URI SANs allowed (globs).").withDefault(List.of()),
                Field.of("allowed_uri_sans_template", FieldType.BOOL, "Identity templates in allowed_uri_sans (not supported).")
                        .withDefault(false),
                Field.of("allowed_other_sans", FieldType.COMMA_STRING_SLICE, "Other SANs allowed, as oid;type:value.")
                        .withDefault(List.of()),
                Field.of("allowed_serial_numbers", FieldType.COMMA_STRING_SLICE, "Subject serial numbers allowed (globs).")
                        .withDefault(List.of()),
                Field.of("allowed_user_ids", FieldType.COMMA_STRING_SLICE, "User IDs allowed (globs).").withDefault(List.of()),
                Field.of("server_flag", FieldType.BOOL, "ServerAuth extended key usage.").withDefault(true),
                Field.of("client_flag", FieldType.BOOL, "ClientAuth extended key usage.").withDefault(true),
                Field.of("code_signing_flag", FieldType.BOOL, "CodeSigning extended key usage.").withDefault(false),
                Field.of("email_protection_flag", FieldType.BOOL, "EmailProtection extended key usage.").withDefault(false),
                Field.string("key_type", "rsa, ec, ed25519, or any (sign only).").withDefault("rsa"),
                Field.of("key_bits", FieldType.INT, "Key size; 0 for the type's default.").withDefault(0L).range(0, 8192),
                Field.of("signature_bits", FieldType.INT, "Hash size of RSA signatures; 0 for the default.").withDefault(0L).range(0, 512),
                Field.of("use_pss", FieldType.BOOL, "Whether RSA signatures use PSS.").withDefault(false),
                Field.of("key_usage", FieldType.COMMA_STRING_SLICE, "Key usages.").withDefault(DEFAULT_KEY_USAGE),
                Field.of("ext_key_usage", FieldType.COMMA_STRING_SLICE, "Extended key usages.").withDefault(List.of()),
                Field.of("ext_key_usage_oids", FieldType.COMMA_STRING_SLICE, "Extended key usages by OID.").withDefault(List.of()),
                Field.of("use_csr_common_name", FieldType.BOOL, "On sign, take the CSR's common name.").withDefault(true),
                Field.of("use_csr_sans", FieldType.BOOL, "On sign, take the CSR's SANs.").withDefault(true),
                Field.of("ou", FieldType.COMMA_STRING_SLICE, "Subject OU.").withDefault(List.of()),
                Field.of("organization", FieldType.COMMA_STRING_SLICE, "Subject O.").withDefault(List.of()),
                Field.of("country", FieldType.COMMA_STRING_SLICE, "Subject C.").withDefault(List.of()),
                Field.of("locality", FieldType.COMMA_STRING_SLICE, "Subject L.").withDefault(List.of()),
                Field.of("province", FieldType.COMMA_STRING_SLICE, "Subject ST.").withDefault(List.of()),
                Field.of("street_address", FieldType.COMMA_STRING_SLICE, "Subject street.").withDefault(List.of()),
                Field.of("postal_code", FieldType.COMMA_STRING_SLICE, "Subject postal code.").withDefault(List.of()),
                Field.of("generate_lease", FieldType.BOOL, "Whether issued certificates get a lease.").withDefault(false),
                Field.of("no_store", FieldType.BOOL, "Whether issued certificates are kept out of the store.").withDefault(false),
                Field.of("require_cn", FieldType.BOOL, "Whether a common name is required.").withDefault(true),
                Field.of("cn_validations", FieldType.COMMA_STRING_SLICE, "How the common name is validated: email, hostname, disabled.")
                        .withDefault(List.of("email", "hostname")),
                Field.of("policy_identifiers", FieldType.COMMA_STRING_SLICE, "Certificate policy OIDs (not supported).")
                        .withDefault(List.of()),
                Field.of("basic_constraints_valid_for_non_ca", FieldType.BOOL, "Whether leaves carry basic constraints.")
                        .withDefault(false),
                Field.string("issuer_ref", "The issuer that signs for the role.").withDefault("default"));
    }

    private ResponseEntity<?> read(BackendRequest r) {
        return store.role(r.mountAccessor(), r.fields().string("name"))
                .map(doc -> r.ok(Documents.withDefaults(family, doc)))
                .orElseThrow(VaultException::notFound);
    }

    private ResponseEntity<?> write(BackendRequest r) {
        String mount = r.mountAccessor();
        String name = r.fields().string("name");
        ObjectNode existing = store.role(mount, name).orElse(null);
        if (existing == null && r.operation() == dev.arca.core.backend.Operation.PATCH) {
            throw VaultException.notFound();
        }
        ObjectNode doc = Documents.merge(family, r.fields(), existing == null ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : existing);
        check(doc);
        store.change(mount, () -> store.repository().saveRole(mount, name, doc));
        return r.ok(doc);
    }

    /** What Vault refuses at role write time. */
    private static void check(ObjectNode doc) {
        Role role = new Role(doc);
        KeySpec spec = KeySpec.parse(role.string("key_type"), doc.path("key_bits").asLong(), true);
        doc.put("key_bits", spec.bits());
        if (role.bool("allowed_domains_template") || role.bool("allowed_uri_sans_template")) {
            throw VaultException.badRequest("identity templates are not supported");
        }
        if (!role.strings("policy_identifiers").isEmpty()) {
            throw VaultException.badRequest("policy_identifiers are not supported");
        }
        long ttl = doc.path("ttl").asLong();
        long max = doc.path("max_ttl").asLong();
        if (max > 0 && ttl > max) {
            throw VaultException.badRequest("\"ttl\" value must be less than \"max_ttl\" value");
        }
        Usages.keyUsage(role.strings("key_usage"));
        Usages.extKeyUsage(role);
        Names.checkOtherSanPatterns(role.strings("allowed_other_sans"));
        if (!role.string("not_after").isEmpty()) {
            Role.parseTime(role.string("not_after"), "not_after");
        }
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        String mount = r.mountAccessor();
        store.change(mount, () -> store.repository().deleteRole(mount, r.fields().string("name")));
        return BackendRequest.noContent();
    }
}
