package dev.arca.transit.sign;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Batch;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.Ciphertext;
import dev.arca.transit.key.KeyMaterial;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.Signatures;
import dev.arca.transit.key.Symmetric;
import dev.arca.transit.store.KeyStore;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code verify/<name>[/<algorithm>]}: checks a signature or an HMAC made by sign or hmac; answers {@code valid}. */
@Component
public class VerifyPath {

    private final KeyStore keys;
    private final List<PathFamily> families;

    public VerifyPath(KeyStore keys) {
        this.keys = keys;
        this.families = SigningFields.families("verify", b -> b
                .field(SigningFields.INPUT).field(SigningFields.HASH).field(SigningFields.ALGORITHM)
                .field(SigningFields.SIGNATURE_ALGORITHM).field(SigningFields.MARSHALING).field(SigningFields.PREHASHED)
                .field(SigningFields.CONTEXT)
                .field(Field.string("signature", "The signature, as sign returned it."))
                .field(Field.string("hmac", "The HMAC, as hmac returned it."))
                .write(this::verify, "Verify a signature or HMAC, or each entry of batch_input.")
                .help("Verify a signature or HMAC.", ""));
    }

    public List<PathFamily> families() {
        return families;
    }

    ResponseEntity<?> verify(BackendRequest request) {
        KeyPolicy p = keys.require(request.mountAccessor(), request.fields().string("name"));
        Item top = Item.of(request.fields());
        PathFamily family = request.fields().has("urlalgorithm") ? families.get(0) : families.get(1);
        return Batch.run(request, family, item -> Map.of("valid", valid(p, top, item)));
    }

    private static boolean valid(KeyPolicy p, Item top, Item item) {
        boolean hasSig = item.has("signature");
        boolean hasHmac = item.has("hmac");
        if (hasSig == hasHmac) {
            throw VaultException.badRequest(hasSig ? "provide one of 'signature' or 'hmac', not both" : "missing signature or hmac to verify");
        }
        byte[] input = SigningFields.input(item);
        if (hasHmac) {
            Ciphertext c = Ciphertext.parse(item.string("hmac"));
            byte[] expected = Symmetric.hmac(SigningFields.hash(top, item).hmacAlgorithm(), p.decryptionVersion(c.version()).hmacKey(), input);
            return Symmetric.constantTimeEquals(expected, c.bytes());
        }
        if (!p.type.signs()) {
            throw VaultException.badRequest("key type " + p.type + " does not support verification");
        }
        Signatures.Options o = SigningFields.options(top, item);
        Ciphertext c = Ciphertext.parse(item.string("signature"));
        return Signatures.verify(p.type, KeyMaterial.forContext(p, p.decryptionVersion(c.version()), SigningFields.context(item)), input,
                SigningFields.decode(c.payload(), o.marshaling()), o);
    }
}
