package dev.arca.transit.crypt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.KeyMaterial;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code datakey/plaintext/<name>} and {@code datakey/wrapped/<name>}: a fresh random key, encrypted with the named key. */
@Component
public class DatakeyPath {

    private final KeyStore keys;

    public DatakeyPath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily family() {
        return PathFamily.of("datakey/{plaintext}/{name}")
                .field(Field.path("plaintext", "plaintext to also return the key, wrapped to return only its ciphertext."))
                .field(Field.path("name", "Name of the key."))
                .field(Crypt.CONTEXT)
                .field(Crypt.NONCE)
                .field(Crypt.KEY_VERSION)
                .field(Crypt.ASSOCIATED_DATA)
                .field(Field.of("bits", FieldType.INT, "Bits of the data key: 128, 256 or 512.").range(128, 512).withDefault(256L))
                .write(this::generate, "Generate a data key.")
                .help("Generate a data key encrypted with a named key.", "")
                .build();
    }

    ResponseEntity<?> generate(BackendRequest request) {
        String kind = request.fields().string("plaintext");
        if (!kind.equals("plaintext") && !kind.equals("wrapped")) {
            throw VaultException.badRequest("invalid path variable plaintext: must be 'plaintext' or 'wrapped'");
        }
        int bits = request.fields().integer("bits");
        if (bits != 128 && bits != 256 && bits != 512) {
            throw VaultException.badRequest("invalid bits length");
        }
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        byte[] key = KeyMaterial.random(bits / 8);
        Crypt.Encrypted e = Crypt.encrypt(p, Item.of(request.fields()), key);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ciphertext", e.ciphertext());
        out.put("key_version", e.version());
        if (kind.equals("plaintext")) {
            out.put("plaintext", Base64.getEncoder().encodeToString(key));
        }
        return request.ok(out);
    }
}
