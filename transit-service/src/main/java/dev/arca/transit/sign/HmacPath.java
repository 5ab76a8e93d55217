package dev.arca.transit.sign;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.Ciphertext;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.Symmetric;
import dev.arca.transit.store.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code hmac/<name>[/<algorithm>]}: an HMAC of the input with the version's HMAC key, as {@code vault:v<n>:<base64>}. */
@Component
public class HmacPath {

    private final KeyStore keys;
    private final List<PathFamily> families;

    public HmacPath(KeyStore keys) {
        this.keys = keys;
        this.families = SigningFields.families("hmac", b -> b
                .field(SigningFields.INPUT).field(SigningFields.HASH).field(SigningFields.ALGORITHM).field(SigningFields.KEY_VERSION)
                .write(this::hmac, "HMAC input, or each entry of batch_input.")
                .help("Generate an HMAC with a named key.", "Every key type has an HMAC key per version."));
    }

    public List<PathFamily> families() {
        return families;
    }

    ResponseEntity<?> hmac(BackendRequest request) {
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        Item top = Item.of(request.fields());
        PathFamily family = request.fields().has("urlalgorithm") ? families.get(0) : families.get(1);
        return Batch.run(request, family, item -> {
            int version = p.encryptionVersion(item.integer(SigningFields.KEY_VERSION.name()));
            byte[] mac = Symmetric.hmac(SigningFields.hash(top, item).hmacAlgorithm(), p.version(version).hmacKey(), SigningFields.input(item));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hmac", Ciphertext.format(version, mac));
            out.put("key_version", version);
            return out;
        });
    }
}
