package dev.arca.transit.crypt;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code decrypt/<name>}: a {@code vault:v<n>:...} ciphertext in, base64 plaintext out, one or a batch. */
@Component
public class DecryptPath {

    private final KeyStore keys;
    private final PathFamily family;

    public DecryptPath(KeyStore keys) {
        this.keys = keys;
        this.family = Batch.fields(PathFamily.of("decrypt/{name}"))
                .field(Field.path("name", "Name of the key."))
                .field(Field.string("ciphertext", "Ciphertext as encrypt returned it."))
                .field(Crypt.CONTEXT)
                .field(Crypt.NONCE)
                .field(Crypt.ASSOCIATED_DATA)
                .write(this::decrypt, "Decrypt a ciphertext, or each entry of batch_input.")
                .help("Decrypt with a named key.", "batch_input: a list of objects with ciphertext, context, nonce, "
                        + "associated_data and reference.")
                .build();
    }

    public PathFamily family() {
        return family;
    }

    ResponseEntity<?> decrypt(BackendRequest request) {
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        return Batch.run(request, family, item -> Map.of("plaintext",
                Base64.getEncoder().encodeToString(Crypt.decrypt(p, item, item.string("ciphertext")))));
    }
}
