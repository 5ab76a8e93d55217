package dev.arca.pki.acme;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.Documents;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code config/acme}, Vault's ACME settings: {@code enabled} (off by default), {@code allowed_issuers}
 * and {@code allowed_roles} ({@code *} for any), {@code default_directory_policy} for the mount's own
 * {@code acme/} directory ({@code sign-verbatim}, {@code role:<name>} or {@code forbid}),
 * {@code allow_role_ext_key_usage} and {@code eab_policy} (only {@code not-required} is offered).
 */
@Component
public class AcmeConfigPath {

    public static final String PATTERN = "config/acme";

    private static final List<Field> FIELDS = List.of(
            Field.of("enabled", FieldType.BOOL, "Whether ACME is served on this mount.").withDefault(false),
            Field.of("allowed_issuers", FieldType.COMMA_STRING_SLICE, "Issuers ACME may use; * for any.").withDefault(List.of("*")),
            Field.of("allowed_roles", FieldType.COMMA_STRING_SLICE, "Roles ACME may use; * for any.").withDefault(List.of("*")),
            Field.of("allow_role_ext_key_usage", FieldType.BOOL, "Whether a role's extended key usages apply to ACME certificates; "
                    + "else they carry serverAuth only.").withDefault(false),
            Field.string("default_directory_policy", "The policy of the acme/ directory: sign-verbatim, role:<name> or forbid.")
                    .withDefault("sign-verbatim"),
            Field.string("eab_policy", "External account binding: not-required.").withDefault("not-required"),
            Field.string("dns_resolver", "Not used: only http-01 is offered.").withDefault(""));

    private final PkiStore store;

    public AcmeConfigPath(PkiStore store) {
        this.store = store;
    }

    public PathFamily family() {
        return Documents.settings(PATTERN, FIELDS, store, AcmeConfigPath::check, "Configure ACME on this mount.",
                "ACME (RFC 8555) is served under acme/, roles/<role>/acme/ and issuer/<ref>/acme/ when enabled.");
    }

    /** The mount's ACME settings, defaults filled in. */
    static ObjectNode config(MountState state) {
        return Documents.withDefaults(FIELDS, state.config(PATTERN));
    }

    private static void check(ObjectNode doc) {
        String policy = doc.path("default_directory_policy").asString("");
        if (!(policy.equals("sign-verbatim") || policy.equals("forbid") || (policy.startsWith("role:") && policy.length() > 5))) {
            throw VaultException.badRequest("invalid default_directory_policy: must be sign-verbatim, forbid or role:<name>");
        }
        if (!doc.path("eab_policy").asString("").equals("not-required")) {
            throw VaultException.badRequest("invalid eab_policy: only not-required is supported");
        }
        if (!doc.path("dns_resolver").asString("").isEmpty()) {
            throw VaultException.badRequest("dns_resolver is not supported: only http-01 challenges are offered");
        }
    }
}
