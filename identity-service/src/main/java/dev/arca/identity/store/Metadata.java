package dev.arca.identity.store;

import dev.arca.core.barrier.Barrier;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Caller-supplied metadata of entities, aliases and groups: sealed by the barrier, bound to its table and row. */
@Component
class Metadata {

    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private final Barrier barrier;
    private final JsonMapper json;

    Metadata(Barrier barrier, JsonMapper json) {
        this.barrier = barrier;
        this.json = json;
    }

    byte @Nullable [] seal(String table, String id, Map<String, String> metadata) {
        return metadata.isEmpty() ? null : barrier.encrypt(json.writeValueAsBytes(new TreeMap<>(metadata)), aad(table, id));
    }

    Map<String, String> open(String table, String id, byte @Nullable [] sealed) {
        return sealed == null ? Map.of() : json.readValue(barrier.decrypt(sealed, aad(table, id)), MAP);
    }

    private static String aad(String table, String id) {
        return Barrier.aad("identity", table, id);
    }
}
