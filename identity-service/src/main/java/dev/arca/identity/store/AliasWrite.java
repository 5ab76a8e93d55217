package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.FieldData;

/**
 * What a write on an entity alias or a group alias names: the alias's name, its mount and the id of
 * the entity or group it belongs to, each from the request or else kept from the alias it changes.
 */
record AliasWrite(String name, String mountAccessor, String canonicalId) {

    /** The fields of a write; {@code kept*} are the changed alias's (empty for a new one). 400 without a name or a mount. */
    static AliasWrite of(FieldData f, String keptName, String keptMount, String keptCanonical) {
        AliasWrite w = new AliasWrite(f.has("name") ? f.string("name") : keptName,
                f.has("mount_accessor") ? f.string("mount_accessor") : keptMount,
                f.has("canonical_id") ? f.string("canonical_id") : keptCanonical);
        if (w.name.isEmpty()) {
            throw VaultException.badRequest("missing alias name");
        }
        if (w.mountAccessor.isEmpty()) {
            throw VaultException.badRequest("missing mount_accessor");
        }
        return w;
    }
}
