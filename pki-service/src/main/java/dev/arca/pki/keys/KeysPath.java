package dev.arca.pki.keys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.IssuerKey;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** {@code LIST keys}, {@code key/<ref>} (read, rename, delete) and {@code config/keys}; private keys never leave here. */
@Component
public class KeysPath {

    private final PkiStore store;

    public KeysPath(PkiStore store) {
        this.store = store;
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("keys/?")
                        .list(this::list, "List the keys.")
                        .help("List the mount's issuer keys.", "")
                        .build(),
                PathFamily.of("key/{key_ref}")
                        .field(Field.string("key_name", "A name for the key."))
                        .read(this::read, "Read a key's id, name and type.")
                        .write(this::rename, "Rename a key.")
                        .delete(this::delete, "Delete a key no issuer uses.")
                        .help("Manage one issuer key.", "The private key itself is never returned here.")
                        .build(),
                PathFamily.of(MountState.KEYS)
                        .field(Field.string("default", "The default key (id or name)."))
                        .read(this::readConfig, "Read the default key.")
                        .write(this::writeConfig, "Set the default key.")
                        .help("The default key.", "Used by existing-key generation when key_ref is not given.")
                        .build());
    }

    private ResponseEntity<?> list(BackendRequest r) {
        List<String> ids = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (IssuerKey k : store.state(r.mountAccessor()).keys()) {
            ids.add(k.id());
            info.put(k.id(), Map.of("key_name", k.name()));
        }
        if (ids.isEmpty()) {
            throw VaultException.notFound();
        }
        return r.ok(Map.of("keys", ids, "key_info", info));
    }

    private IssuerKey key(BackendRequest r) {
        return store.state(r.mountAccessor()).key(r.fields().string("key_ref")).orElseThrow(VaultException::notFound);
    }

    private ResponseEntity<?> read(BackendRequest r) {
        IssuerKey k = key(r);
        return r.ok(Map.of("key_id", k.id(), "key_name", k.name(), "key_type", k.type()));
    }

    private ResponseEntity<?> rename(BackendRequest r) {
        IssuerKey k = key(r);
        String mount = r.mountAccessor();
        String name = r.fields().string("key_name");
        if (store.state(mount).keyNameTaken(name, k.id()) || name.equals(MountState.DEFAULT)) {
            throw VaultException.badRequest("key name '" + name + "' is already in use or reserved");
        }
        store.change(mount, () -> store.repository().renameKey(mount, k.id(), name));
        return r.ok(Map.of("key_id", k.id(), "key_name", name, "key_type", k.type()));
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        state.key(r.fields().string("key_ref")).ifPresent(k -> {
            if (state.issuers().stream().anyMatch(i -> k.id().equals(i.keyId()))) {
                throw VaultException.badRequest("unable to delete key " + k.id() + " as it is in use by an issuer");
            }
            store.change(mount, () -> store.repository().deleteKey(mount, k.id()));
        });
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> readConfig(BackendRequest r) {
        String id = store.state(r.mountAccessor()).defaultKeyId();
        return r.ok(Map.of("default", id == null ? "" : id));
    }

    private ResponseEntity<?> writeConfig(BackendRequest r) {
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        ObjectNode doc = state.config(MountState.KEYS);
        doc.put(MountState.DEFAULT, state.requireKey(r.fields().string("default")).id());
        store.change(mount, () -> store.repository().saveConfig(mount, MountState.KEYS, doc));
        return readConfig(r);
    }
}
