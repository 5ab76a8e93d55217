package dev.arca.kv.subkeys;

import dev.arca.core.api.VaultException;
import dev.arca.kv.api.Inputs;
import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.PathHandler;
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
public class SubkeysPath implements PathHandler {

    private final VersionReader reader;

    public SubkeysPath(VersionReader reader) {
        this.reader = reader;
    }

    @Override
    public ResponseEntity<?> read(KvRequest request) {
        int version = Inputs.versionParam(request.query("version"));
        int depth = Inputs.nonNegativeParam(request.query("depth"), "depth");
        Found found = reader.find(request.mount(), request.requiredKey(), version).orElseThrow(VaultException::notFound);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        if (!found.version().isLive(Timestamps.now())) {
            data.put("subkeys", null);
            data.put("metadata", reader.view(found));
            return KvResponses.withStatus(404, KvResponses.envelope(request, data));
        }
        data.put("subkeys", shape(reader.open(found), depth, 1));
        data.put("metadata", reader.view(found));
        return KvResponses.ok(request, data);
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
