package dev.arca.pki.config;

import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.Documents;
import dev.arca.pki.store.PkiStore;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code config/cluster}: this mount's public address ({@code path}, {@code aia_path}). */
@Component
public class ClusterPath {

    private final PkiStore store;

    public ClusterPath(PkiStore store) {
        this.store = store;
    }

    public PathFamily family() {
        return Documents.settings("config/cluster", List.of(
                        Field.string("path", "The mount's canonical URL, e.g. https://arca.example/v1/pki.").withDefault(""),
                        Field.string("aia_path", "The mount's URL for AIA information, if it differs.").withDefault("")),
                store, doc -> { }, "Set the mount's cluster-local address.", "Used by templated URLs and ACME.");
    }
}
