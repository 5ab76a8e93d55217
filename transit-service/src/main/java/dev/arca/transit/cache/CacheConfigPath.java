package dev.arca.transit.cache;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.store.KeyStore;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code cache-config}: how many of the mount's keys the key cache holds (0: every key in use), applied
 * at once on every replica, where Vault applies it when the mount is next loaded.
 */
@Component
public class CacheConfigPath {

    private final KeyStore keys;

    public CacheConfigPath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily family() {
        return PathFamily.of("cache-config")
                .field(Field.of("size", FieldType.INT, "Cache size; 0 is unlimited, otherwise at least 10.").range(0, Integer.MAX_VALUE)
                        .withDefault(0L))
                .read(r -> r.ok(Map.of("size", keys.repository().cacheSize(r.mountAccessor()))), "Read the cache size.")
                .write(this::update, "Set the cache size.")
                .help("Configure the key cache.", "")
                .build();
    }

    ResponseEntity<?> update(BackendRequest request) {
        int size = request.fields().integer("size");
        if (size != 0 && size < 10) {
            throw VaultException.badRequest("size must be 0 or a value greater or equal to 10");
        }
        keys.resize(request.mountAccessor(), size);
        return request.ok(Map.of("size", size));
    }
}
