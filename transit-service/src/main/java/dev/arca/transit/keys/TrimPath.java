package dev.arca.transit.keys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code keys/<name>/trim}: deletes the material of versions below {@code min_available_version} for good. */
@Component
public class TrimPath {

    private final KeyStore keys;

    public TrimPath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily family() {
        return PathFamily.of("keys/{name}/trim")
                .field(KeysPath.NAME)
                .field(Field.of("min_available_version", FieldType.INT, "Versions below this one are deleted.")
                        .range(0, Integer.MAX_VALUE).asRequired())
                .write(this::trim, "Trim old versions of a key.")
                .help("Deletes old key versions.", "Cannot be undone; must not exceed min_decryption_version or min_encryption_version.")
                .build();
    }

    ResponseEntity<?> trim(BackendRequest request) {
        String name = request.fields().string("name");
        int min = request.fields().integer("min_available_version");
        keys.find(request.mountAccessor(), name).orElseThrow(() -> VaultException.badRequest("invalid key name"));
        KeyPolicy p = keys.update(request.mountAccessor(), name, k -> {
            if (min < 1) {
                throw VaultException.badRequest("minimum available version should be positive");
            }
            if (min < k.minAvailableVersion) {
                throw VaultException.badRequest("minimum available version cannot be decremented");
            }
            if (min > k.minDecryptionVersion) {
                throw VaultException.badRequest("minimum available version should not be greater than minimum decryption version");
            }
            if (k.minEncryptionVersion > 0 && min > k.minEncryptionVersion) {
                throw VaultException.badRequest("min encryption version should not be less than min available version");
            }
            k.versions.headMap(min).clear();
            k.minAvailableVersion = min;
            return k;
        });
        return request.ok(KeyView.of(p));
    }
}
