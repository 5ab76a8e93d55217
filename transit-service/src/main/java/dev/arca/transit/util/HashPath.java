package dev.arca.transit.util;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.HashAlgorithm;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code hash[/<algorithm>]}: a digest of base64 input, as hex or base64. Needs no key. */
@Component
public class HashPath {

    public List<PathFamily> families() {
        return List.of(family("hash/{urlalgorithm}"), family("hash"));
    }

    private PathFamily family(String pattern) {
        PathFamily.Builder b = PathFamily.of(pattern);
        if (pattern.contains("{urlalgorithm}")) {
            b.field(Field.path("urlalgorithm", "Hash algorithm, instead of algorithm."));
        }
        return b.field(Field.string("input", "Base64 input to hash.").asRequired())
                .field(Field.of("algorithm", FieldType.LOWERCASE_STRING, "sha1, sha2-224, sha2-256, sha2-384, sha2-512, sha3-224, "
                        + "sha3-256, sha3-384 or sha3-512.").withDefault("sha2-256"))
                .field(Field.of("format", FieldType.LOWERCASE_STRING, "hex or base64.").withDefault("hex"))
                .write(this::hash, "Hash input.")
                .help("Generate a hash of the input.", "")
                .build();
    }

    ResponseEntity<?> hash(BackendRequest request) {
        Item f = Item.of(request.fields());
        String algorithm = f.has("urlalgorithm") ? f.string("urlalgorithm") : f.string("algorithm");
        HashAlgorithm a = HashAlgorithm.ofWire(algorithm);
        if (a == HashAlgorithm.NONE) {
            throw VaultException.badRequest("unsupported algorithm " + algorithm);
        }
        String format = f.string("format");
        if (!format.equals("hex") && !format.equals("base64")) {
            throw VaultException.badRequest("unsupported encoding format " + format + "; must be \"hex\" or \"base64\"");
        }
        byte[] input = f.base64("input", "input");
        byte[] sum = a.digest(input == null ? new byte[0] : input);
        return request.ok(Map.of("sum", format.equals("hex") ? HexFormat.of().formatHex(sum) : Base64.getEncoder().encodeToString(sum)));
    }
}
