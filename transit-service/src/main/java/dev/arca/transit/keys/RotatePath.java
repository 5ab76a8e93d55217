package dev.arca.transit.keys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code keys/<name>/rotate}: adds a version with fresh material; new encryptions use it. */
@Component
public class RotatePath {

    private final KeyStore keys;

    public RotatePath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily family() {
        return PathFamily.of("keys/{name}/rotate")
                .field(KeysPath.NAME)
                .write(this::rotate, "Rotate a key.")
                .help("Adds a new version of the key.", "Older versions still decrypt down to min_decryption_version.")
                .build();
    }

    ResponseEntity<?> rotate(BackendRequest request) {
        String name = request.fields().string("name");
        keys.find(request.mountAccessor(), name).orElseThrow(() -> VaultException.badRequest("key not found"));
        KeyPolicy p = keys.update(request.mountAccessor(), name, k -> {
            k.rotate();
            return k;
        });
        return request.ok(KeyView.of(p));
    }
}
