package dev.arca.kv.subkeys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.Timestamps;
import dev.arca.kv.data.VersionReader;
import dev.arca.kv.data.VersionReader.Found;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <mount>/subkeys/<path>?version=&depth=}: the secret's structure with every leaf replaced by
 * null; at {@code depth} (0 = unlimited) nested objects are cut off and shown as null too.
 */
@Component
public class SubkeysPath {

    private final VersionReader reader;

    public SubkeysPath(VersionReader reader) {
        this.reader = reader;
    }

    public PathFamily family() {
        return PathFamily.of("subkeys/{path*}")
                .field(Field.path("path", "Location of the secret."))
                .field(Field.of("version", FieldType.INT, "The version to read; 0 or absent for the latest.").range(0, Integer.MAX_VALUE))
                .field(Field.of("depth", FieldType.INT, "How deep to descend; 0 for no limit.").range(0, Integer.MAX_VALUE))
                .read(this::read, "Read the structure of a secret without its values.")
                .when("version", "2")
                .help("The keys of a secret, with every value replaced by null.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        Integer version = request.fields().integer("version");
        Integer depth = request.fields().integer("depth");
        Found found = reader.find(request.mountAccessor(), KvResponses.requiredKey(request), version == null ? 0 : version)
                .orElseThrow(VaultException::notFound);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        if (!found.version().isLive(Timestamps.now())) {
            data.put("subkeys", null);
            data.put("metadata", reader.view(found));
            return KvResponses.withStatus(404, request.envelope(data));
        }
        data.put("subkeys", shape(reader.open(found), depth == null ? 0 : depth, 1));
        data.put("metadata", reader.view(found));
        return request.ok(data);
    }

    static ObjectNode shape(ObjectNode secret, int maxDepth, int level) {
        ObjectNode out = secret.objectNode();
        for (Map.Entry<String, JsonNode> e : secret.properties()) {
            if (e.getValue() instanceof ObjectNode nested && !nested.isEmpty() && (maxDepth == 0 || level < maxDepth)) {
                out.set(e.getKey(), shape(nested, maxDepth, level + 1));
            } else {
                out.putNull(e.getKey());
            }
        }
        return out;
    }
}
