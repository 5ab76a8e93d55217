package dev.arca.transit.crypt;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyType;
import dev.arca.transit.keys.KeysPath;
import dev.arca.transit.store.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code encrypt/<name>}: base64 plaintext in, {@code vault:v<n>:...} out, one or a batch. A missing key
 * is created first (Vault's upsert, hence the existence check: creating needs the create capability).
 */
@Component
public class EncryptPath {

    private final KeyStore keys;
    private final PathFamily family;

    public EncryptPath(KeyStore keys) {
        this.keys = keys;
        this.family = Batch.fields(PathFamily.of("encrypt/{name}"))
                .field(Field.path("name", "Name of the key."))
                .field(Field.string("plaintext", "Base64 plaintext to encrypt."))
                .field(Crypt.CONTEXT)
                .field(Crypt.NONCE)
                .field(Crypt.KEY_VERSION)
                .field(Crypt.ASSOCIATED_DATA)
                .field(Field.of("type", FieldType.LOWERCASE_STRING, "Type of the key if this call creates it.").withDefault("aes256-gcm96"))
                .field(Field.of("convergent_encryption", FieldType.BOOL, "Make the key convergent if this call creates it."))
                .write(this::encrypt, "Encrypt plaintext, or each entry of batch_input.")
                .existenceCheck(r -> keys.exists(r.mountAccessor(), r.fields().string("name")))
                .help("Encrypt with a named key.", "batch_input: a list of objects with plaintext, context, nonce, key_version, "
                        + "associated_data and reference.")
                .build();
    }

    public PathFamily family() {
        return family;
    }

    ResponseEntity<?> encrypt(BackendRequest request) {
        String mount = request.mountAccessor();
        String name = request.fields().string("name");
        KeyPolicy p = keys.find(mount, name).orElseGet(() -> upsert(request, mount, name));
        return Batch.run(request, family, item -> one(p, item));
    }

    private KeyPolicy upsert(BackendRequest request, String mount, String name) {
        JsonNode batch = request.body().get(Batch.INPUT);
        boolean derived = request.fields().has("context")
                || (batch != null && batch.isArray() && !batch.isEmpty() && batch.get(0).hasNonNull("context"));
        boolean convergent = request.fields().bool("convergent_encryption", false);
        KeyPolicy p = KeysPath.newPolicy(name, KeyType.ofWire(request.fields().string("type")), derived || convergent, convergent);
        p.rotate();
        keys.create(mount, p);
        return keys.require(mount, name);
    }

    private static Map<String, Object> one(KeyPolicy p, Item item) {
        if (!item.has("plaintext")) {
            throw dev.arca.core.api.VaultException.badRequest("missing plaintext to encrypt");
        }
        byte[] plaintext = item.base64("plaintext", "plaintext");
        Crypt.Encrypted e = Crypt.encrypt(p, item, plaintext == null ? new byte[0] : plaintext);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ciphertext", e.ciphertext());
        out.put("key_version", e.version());
        return out;
    }
}
