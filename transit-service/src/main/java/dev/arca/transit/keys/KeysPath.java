package dev.arca.transit.keys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyType;
import dev.arca.transit.store.KeyStore;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code keys/<name>}: create, read and delete a named key; {@code keys/}: list them. */
@Component
public class KeysPath {

    static final Field NAME = Field.path("name", "Name of the key.");

    private final KeyStore keys;

    public KeysPath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily listFamily() {
        return PathFamily.of("keys/?")
                .list(r -> r.keys(keys.names(r.mountAccessor())), "List the keys.")
                .help("The names of the mount's keys.", "")
                .build();
    }

    public PathFamily family() {
        return PathFamily.of("keys/{name}")
                .field(NAME)
                .field(Field.of("type", FieldType.LOWERCASE_STRING, "Key type: aes128-gcm96, aes256-gcm96, chacha20-poly1305, "
                        + "ed25519, ecdsa-p256, ecdsa-p384, ecdsa-p521, rsa-2048, rsa-3072, rsa-4096 or hmac.").withDefault("aes256-gcm96"))
                .field(Field.of("derived", FieldType.BOOL, "Derive a key per request from a context (HKDF-SHA256)."))
                .field(Field.of("convergent_encryption", FieldType.BOOL,
                        "The same plaintext and context always give the same ciphertext; needs derived."))
                .field(Field.of("exportable", FieldType.BOOL, "Whether the key material may be exported; cannot be undone."))
                .field(Field.of("allow_plaintext_backup", FieldType.BOOL, "Whether a plaintext backup may be taken; cannot be undone."))
                .field(Field.of("auto_rotate_period", FieldType.DURATION, "Rotate this often; 0 disables; at least 1h."))
                .field(Field.of("key_size", FieldType.INT, "Bytes of an hmac key, 32 to 512.").range(0, 512))
                .field(Field.string("context", "Base64 context: a derived ed25519 key's read shows the public keys for it."))
                .read(this::read, "Read a key: its versions and settings.")
                .write(this::createOrUpdate, "Create a key.")
                .delete(this::delete, "Delete a key; only when deletion_allowed is set.")
                .existenceCheck(r -> keys.exists(r.mountAccessor(), r.fields().string("name")))
                .help("Manage a named encryption key.", "A key has versions; rotate adds one. Deleting needs deletion_allowed "
                        + "(see keys/<name>/config).")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        KeyPolicy p = keys.find(request.mountAccessor(), request.fields().string("name")).orElseThrow(VaultException::notFound);
        return request.ok(KeyView.of(p, Item.of(request.fields()).base64("context", "context")));
    }

    ResponseEntity<?> createOrUpdate(BackendRequest request) {
        FieldData f = request.fields();
        String name = f.string("name");
        KeyPolicy p = newPolicy(name, KeyType.ofWire(f.string("type")), f.bool("derived", false), f.bool("convergent_encryption", false));
        p.exportable = f.bool("exportable", false);
        p.allowPlaintextBackup = f.bool("allow_plaintext_backup", false);
        Long period = f.duration("auto_rotate_period");
        p.autoRotatePeriodSeconds = KeyConfigPath.checkedPeriod(period == null ? 0 : period);
        Integer size = f.integer("key_size");
        if (size != null && size != 0) {
            if (p.type != KeyType.HMAC) {
                throw VaultException.badRequest("key_size is not valid for algorithm " + p.type);
            }
            if (size < 32) {
                throw VaultException.badRequest("invalid key_size: must be between 32 and 512 bytes");
            }
            p.keySize = size;
        }
        p.rotate();
        if (!keys.create(request.mountAccessor(), p)) {
            // Vault's upsert: writing an existing key changes nothing.
            return ResponseEntity.ok(request.envelope(KeyView.of(keys.require(request.mountAccessor(), name)))
                    .withWarnings(List.of("key " + name + " already existed")));
        }
        return request.ok(KeyView.of(p));
    }

    /** A policy with Vault's checks of type against derivation and convergence; no versions yet. */
    public static KeyPolicy newPolicy(String name, KeyType type, boolean derived, boolean convergent) {
        if (convergent && !derived) {
            throw VaultException.badRequest("convergent encryption requires derivation to be enabled, so context is required");
        }
        if (derived && !type.derives()) {
            throw VaultException.badRequest("key derivation and convergent encryption not supported for keys of type " + type);
        }
        if (convergent && !type.symmetric()) {
            throw VaultException.badRequest("convergent encryption not supported for keys of type " + type);
        }
        KeyPolicy p = new KeyPolicy(name, type);
        p.derived = derived;
        p.convergent = convergent;
        p.convergentVersion = convergent ? KeyPolicy.CONVERGENT_VERSION : 0;
        if (type == KeyType.HMAC) {
            p.keySize = type.size();
        }
        return p;
    }

    ResponseEntity<?> delete(BackendRequest request) {
        String name = request.fields().string("name");
        KeyPolicy p = keys.find(request.mountAccessor(), name).orElse(null);
        if (p == null) {
            return BackendRequest.noContent();
        }
        if (!p.deletionAllowed) {
            throw VaultException.badRequest("deletion is not allowed for this key");
        }
        keys.delete(request.mountAccessor(), name);
        return BackendRequest.noContent();
    }
}
