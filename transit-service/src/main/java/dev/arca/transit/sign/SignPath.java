package dev.arca.transit.sign;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.Ciphertext;
import dev.arca.transit.key.KeyMaterial;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyVersion;
import dev.arca.transit.key.Signatures;
import dev.arca.transit.store.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code sign/<name>[/<algorithm>]}: a {@code vault:v<n>:<signature>} of the input, one or a batch. A
 * derived ed25519 key signs with the key derived for the context and answers its public key, as Vault
 * does ({@code public_key}, or {@code publickey} in a batch result).
 */
@Component
public class SignPath {

    private final KeyStore keys;
    private final List<PathFamily> families;

    public SignPath(KeyStore keys) {
        this.keys = keys;
        this.families = SigningFields.families("sign", b -> b
                .field(SigningFields.INPUT).field(SigningFields.HASH).field(SigningFields.ALGORITHM)
                .field(SigningFields.SIGNATURE_ALGORITHM).field(SigningFields.MARSHALING).field(SigningFields.PREHASHED)
                .field(SigningFields.KEY_VERSION).field(SigningFields.CONTEXT)
                .write(this::sign, "Sign input, or each entry of batch_input.")
                .help("Sign with a named asymmetric key.", "ECDSA and RSA sign the digest (hash_algorithm), ed25519 the input itself."));
    }

    public List<PathFamily> families() {
        return families;
    }

    ResponseEntity<?> sign(BackendRequest request) {
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        if (!p.type.signs()) {
            throw VaultException.badRequest("key type " + p.type + " does not support signing");
        }
        Item top = Item.of(request.fields());
        PathFamily family = request.fields().has("urlalgorithm") ? families.get(0) : families.get(1);
        String publicKeyName = request.body().hasNonNull(Batch.INPUT) ? "publickey" : "public_key";
        return Batch.run(request, family, item -> {
            Signatures.Options o = SigningFields.options(top, item);
            int version = p.encryptionVersion(item.integer(SigningFields.KEY_VERSION.name()));
            KeyVersion key = KeyMaterial.forContext(p, p.version(version), SigningFields.context(item));
            byte[] signature = Signatures.sign(p.type, key, SigningFields.input(item), o);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("signature", Ciphertext.format(version, SigningFields.encode(signature, o.marshaling())));
            out.put("key_version", version);
            if (p.derived) {
                out.put(publicKeyName, key.publicKey());
            }
            return out;
        });
    }
}
