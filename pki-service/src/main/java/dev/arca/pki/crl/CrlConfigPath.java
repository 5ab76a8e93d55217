package dev.arca.pki.crl;

import dev.arca.core.api.Durations;
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

/** {@code config/crl}: CRL lifetime, delta CRLs, automatic rebuilding, and whether OCSP answers. */
@Component
public class CrlConfigPath {

    private static final List<String> DURATIONS = List.of("expiry", "ocsp_expiry", "auto_rebuild_grace_period", "delta_rebuild_interval");

    private final PkiStore store;
    private final PathFamily family;

    public CrlConfigPath(PkiStore store) {
        this.store = store;
        this.family = build();
    }

    public PathFamily family() {
        return family;
    }

    private PathFamily build() {
        return Documents.settings(MountState.CRL, FIELDS, store, CrlConfigPath::check, "Configure the CRL and OCSP responder.",
                "expiry sets how long a CRL is valid; enable_delta adds delta CRLs; auto_rebuild defers rebuilding to reads.");
    }

    private static final List<Field> FIELDS = fields();

    private static List<Field> fields() {
        return List.of(
                Field.string("expiry", "How long a CRL is valid.").withDefault("72h"),
                Field.of("disable", FieldType.BOOL, "Whether CRLs are left empty.").withDefault(false),
                Field.of("ocsp_disable", FieldType.BOOL, "Whether the OCSP responder is off.").withDefault(false),
                Field.string("ocsp_expiry", "How long an OCSP response is valid; 0 for no nextUpdate.").withDefault("12h"),
                Field.of("auto_rebuild", FieldType.BOOL, "Whether the complete CRL is rebuilt on read instead of on revoke.")
                        .withDefault(false),
                Field.string("auto_rebuild_grace_period", "How long before expiry an auto-rebuilt CRL is renewed.").withDefault("12h"),
                Field.of("enable_delta", FieldType.BOOL, "Whether delta CRLs are built.").withDefault(false),
                Field.string("delta_rebuild_interval", "How often delta CRLs are rebuilt.").withDefault("15m"),
                Field.of("cross_cluster_revocation", FieldType.BOOL, "Not supported.").withDefault(false),
                Field.of("unified_crl", FieldType.BOOL, "Not supported.").withDefault(false),
                Field.of("unified_crl_on_existing_paths", FieldType.BOOL, "Not supported.").withDefault(false));
    }

    private static void check(ObjectNode doc) {
        for (String name : DURATIONS) {
            long seconds = Durations.seconds(doc.path(name).asString(), name);
            if (seconds <= 0 && !name.equals("ocsp_expiry")) {
                throw VaultException.badRequest(name + " must be greater than zero");
            }
        }
        if (Durations.seconds(doc.path("auto_rebuild_grace_period").asString(), "auto_rebuild_grace_period")
                >= Durations.seconds(doc.path("expiry").asString(), "expiry")) {
            throw VaultException.badRequest("CRL auto-rebuilding grace period must be less than the CRL expiry");
        }
        if (doc.path("enable_delta").asBoolean(false) && !doc.path("auto_rebuild").asBoolean(false)) {
            throw VaultException.badRequest("delta CRLs require auto_rebuild");
        }
        for (String unsupported : List.of("cross_cluster_revocation", "unified_crl", "unified_crl_on_existing_paths")) {
            if (doc.path(unsupported).asBoolean(false)) {
                throw VaultException.badRequest(unsupported + " is not supported");
            }
        }
    }

    /** The mount's CRL settings with defaults. */
    public static ObjectNode config(MountState state) {
        return Documents.withDefaults(FIELDS, state.config(MountState.CRL));
    }
}
