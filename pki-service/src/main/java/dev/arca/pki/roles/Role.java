package dev.arca.pki.roles;

import dev.arca.core.api.VaultException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A role's document read by name; {@code sign-verbatim} without a role uses {@link #verbatim()}. */
public final class Role {

    private final ObjectNode doc;

    public Role(ObjectNode doc) {
        this.doc = doc;
    }

    /** What {@code sign-verbatim} applies without a role: any name, no hostname rules, Vault's default usages. */
    public static Role verbatim() {
        ObjectNode n = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("allow_any_name", true).put("enforce_hostnames", false).put("allow_ip_sans", true).put("key_type", "any")
                .put("use_csr_common_name", true).put("use_csr_sans", true).put("require_cn", false).put("not_before_duration", 30)
                .put("issuer_ref", "default").put("server_flag", false).put("client_flag", false);
        n.putArray("key_usage").add("DigitalSignature").add("KeyAgreement").add("KeyEncipherment");
        n.putArray("allowed_uri_sans").add("*");
        n.putArray("allowed_other_sans").add("*");
        return new Role(n);
    }

    /** This role with serverAuth as its only extended key usage (ACME's default: {@code allow_role_ext_key_usage} false). */
    public Role serverAuthOnly() {
        ObjectNode n = doc.deepCopy();
        n.put("server_flag", true).put("client_flag", false).put("code_signing_flag", false).put("email_protection_flag", false);
        n.putArray("ext_key_usage");
        n.putArray("ext_key_usage_oids");
        return new Role(n);
    }

    public String string(String name) {
        return doc.path(name).asString("");
    }

    public boolean bool(String name) {
        return doc.path(name).asBoolean(false);
    }

    public long number(String name) {
        return doc.path(name).asLong(0);
    }

    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : doc.path(name)) {
            out.add(v.asString());
        }
        return out;
    }

    public ObjectNode document() {
        return doc;
    }

    public static Instant parseTime(String text, String field) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw VaultException.badRequest("unable to parse " + field + ": not an RFC 3339 time");
        }
    }
}
