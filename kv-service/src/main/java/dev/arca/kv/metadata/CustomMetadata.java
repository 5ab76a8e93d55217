package dev.arca.kv.metadata;

import dev.arca.core.api.VaultException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Vault's limits on {@code custom_metadata}: string values, at most 64 keys of 128 bytes, values of 512 bytes. */
final class CustomMetadata {

    static final int MAX_KEYS = 64;
    static final int MAX_KEY_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 512;

    private CustomMetadata() {
    }

    /** The field as an object; {@code allowNulls} for merge patches, where null removes a key. */
    static ObjectNode parse(JsonNode node, boolean allowNulls) {
        if (!(node instanceof ObjectNode o)) {
            throw VaultException.badRequest("error converting input for field \"custom_metadata\": must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            if (!(v.isString() || (allowNulls && v.isNull()))) {
                throw VaultException.badRequest("custom_metadata values must be strings");
            }
        }
        return o;
    }

    static void validate(ObjectNode o) {
        if (o.size() > MAX_KEYS) {
            throw VaultException.badRequest("custom_metadata may not contain more than " + MAX_KEYS + " keys");
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (e.getKey().isEmpty() || e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_LENGTH) {
                throw VaultException.badRequest("custom_metadata keys must be 1 to " + MAX_KEY_LENGTH + " bytes long");
            }
            if (e.getValue().stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_VALUE_LENGTH) {
                throw VaultException.badRequest("custom_metadata values may not be longer than " + MAX_VALUE_LENGTH + " bytes");
            }
        }
    }
}
