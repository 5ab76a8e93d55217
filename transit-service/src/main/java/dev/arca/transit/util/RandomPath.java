package dev.arca.transit.util;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyMaterial;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code random[/<bytes>]}: random bytes from the platform's SecureRandom, as base64 or hex. */
@Component
public class RandomPath {

    /** Vault's limit on one request. */
    static final int MAX_BYTES = 128 * 1024;

    public List<PathFamily> families() {
        return List.of(family("random/{urlbytes}"), family("random"));
    }

    private PathFamily family(String pattern) {
        PathFamily.Builder b = PathFamily.of(pattern);
        if (pattern.contains("{urlbytes}")) {
            b.field(Field.path("urlbytes", "How many bytes, instead of bytes."));
        }
        return b.field(Field.of("bytes", FieldType.INT, "How many bytes, 1 to 131072.").range(1, MAX_BYTES).withDefault(32L))
                .field(Field.of("format", FieldType.LOWERCASE_STRING, "base64 or hex.").withDefault("base64"))
                .write(this::random, "Generate random bytes.")
                .help("Generate random bytes.", "")
                .build();
    }

    ResponseEntity<?> random(BackendRequest request) {
        int bytes = request.fields().has("urlbytes")
                ? (int) Coerce.integer(request.fields().string("urlbytes"), "urlbytes", 1, MAX_BYTES)
                : request.fields().integer("bytes");
        String format = request.fields().string("format");
        if (!format.equals("hex") && !format.equals("base64")) {
            throw VaultException.badRequest("unsupported encoding format " + format + "; must be \"hex\" or \"base64\"");
        }
        byte[] r = KeyMaterial.random(bytes);
        return request.ok(Map.of("random_bytes", format.equals("hex") ? HexFormat.of().formatHex(r) : Base64.getEncoder().encodeToString(r)));
    }
}
