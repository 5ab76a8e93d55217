package dev.arca.transit.crypt;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code rewrap/<name>}: decrypts and encrypts again with the latest (or a chosen) version; the plaintext never leaves. */
@Component
public class RewrapPath {

    private final KeyStore keys;
    private final PathFamily family;

    public RewrapPath(KeyStore keys) {
        this.keys = keys;
        this.family = Batch.fields(PathFamily.of("rewrap/{name}"))
                .field(Field.path("name", "Name of the key."))
                .field(Field.string("ciphertext", "Ciphertext to rewrap."))
                .field(Crypt.CONTEXT)
                .field(Crypt.NONCE)
                .field(Crypt.KEY_VERSION)
                .field(Crypt.ASSOCIATED_DATA)
                .write(this::rewrap, "Rewrap a ciphertext, or each entry of batch_input.")
                .help("Re-encrypt with the newest key version.", "")
                .build();
    }

    public PathFamily family() {
        return family;
    }

    ResponseEntity<?> rewrap(BackendRequest request) {
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        return Batch.run(request, family, item -> {
            byte[] plaintext = Crypt.decrypt(p, item, item.string("ciphertext"));
            Crypt.Encrypted e = Crypt.encrypt(p, item, plaintext);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ciphertext", e.ciphertext());
            out.put("key_version", e.version());
            return out;
        });
    }
}
