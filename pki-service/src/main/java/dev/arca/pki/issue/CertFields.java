package dev.arca.pki.issue;

import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.x509.Subjects;
import java.util.ArrayList;
import java.util.List;

/** The request fields Vault's certificate-producing paths share, declared once. */
public final class CertFields {

    private CertFields() {
    }

    /** What every path that returns a certificate takes: names, TTL and output format. */
    public static List<Field> common() {
        return List.of(
                Field.string("common_name", "The requested common name."),
                Field.of("alt_names", FieldType.COMMA_STRING_SLICE, "DNS names and e-mail addresses for the SAN extension."),
                Field.of("ip_sans", FieldType.COMMA_STRING_SLICE, "IP addresses for the SAN extension."),
                Field.of("uri_sans", FieldType.COMMA_STRING_SLICE, "URIs for the SAN extension."),
                Field.of("other_sans", FieldType.COMMA_STRING_SLICE, "Other SANs, as <oid>;UTF8:<value>."),
                Field.of("ttl", FieldType.DURATION, "The requested TTL."),
                Field.string("not_after", "A fixed NotAfter (RFC 3339), instead of a TTL.").withDefault(""),
                Field.string("format", "pem, der or pem_bundle.").withDefault("pem"),
                Field.string("private_key_format", "der (PKCS#1/SEC1 in PEM) or pkcs8.").withDefault("der"),
                Field.of("exclude_cn_from_sans", FieldType.BOOL, "Whether the common name stays out of the SANs.").withDefault(false),
                Field.string("serial_number", "The subject's serialNumber attribute.").withDefault(""),
                Field.of("remove_roots_from_chain", FieldType.BOOL, "Whether self-signed CAs are left out of ca_chain.")
                        .withDefault(false),
                Field.of("user_ids", FieldType.COMMA_STRING_SLICE, "User IDs for the subject (not supported)."),
                Field.string("issuer_ref", "The issuer to sign with, instead of the role's."));
    }

    /** What a CA certificate request also takes: subject parts, path length, name constraints, signature. */
    public static List<Field> ca() {
        List<Field> f = new ArrayList<>(common());
        for (String part : Subjects.partNames()) {
            f.add(Field.of(part, FieldType.COMMA_STRING_SLICE, "The subject's " + part + "."));
        }
        f.add(Field.of("max_path_length", FieldType.INT, "The CA's path length constraint; -1 for none.").withDefault(-1L).range(-1, 1024));
        f.add(Field.of("permitted_dns_domains", FieldType.COMMA_STRING_SLICE, "DNS name constraints."));
        f.add(Field.of("not_before_duration", FieldType.DURATION, "How far back NotBefore is set.").withDefault(30L));
        f.add(Field.of("signature_bits", FieldType.INT, "Hash size of RSA signatures; 0 for the default.").withDefault(0L).range(0, 512));
        f.add(Field.of("use_pss", FieldType.BOOL, "Whether RSA signatures use PSS.").withDefault(false));
        return f;
    }

    /** What a new key takes: type, size, name, or an existing key. */
    public static List<Field> key() {
        return List.of(
                Field.string("key_type", "rsa, ec or ed25519.").withDefault("rsa"),
                Field.of("key_bits", FieldType.INT, "Key size; 0 for the type's default.").withDefault(0L).range(0, 8192),
                Field.string("key_name", "A name for the new key.").withDefault(""),
                Field.string("key_ref", "An existing key, for the existing type.").withDefault("default"));
    }

    public static PathFamily.Builder add(PathFamily.Builder b, List<Field> fields) {
        fields.forEach(b::field);
        return b;
    }
}
