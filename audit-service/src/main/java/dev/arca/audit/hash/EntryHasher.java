package dev.arca.audit.hash;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Hashes the sensitive values of an audit entry as Vault's {@code audit/hashstructure.go} does: the
 * tokens and accessors of {@code auth}, {@code request} and {@code response.auth}, the wrapping token
 * and accessor of {@code response.wrap_info}, and every string inside {@code request.data} and
 * {@code response.data}, however deeply nested, lists included. Keys and non-string values stay as
 * they are. The input is never modified.
 */
public final class EntryHasher {

    private EntryHasher() {
    }

    /**
     * A hashed copy of {@code entry}.
     *
     * @param hmacAccessor whether accessors are hashed too (Vault's {@code hmac_accessor} option, default true)
     */
    public static ObjectNode hash(ObjectNode entry, Hmac hmac, boolean hmacAccessor) {
        ObjectNode copy = entry.deepCopy();
        hashAuth(copy.get("auth"), hmac, hmacAccessor);
        if (copy.get("request") instanceof ObjectNode request) {
            hashField(request, "client_token", hmac);
            if (hmacAccessor) {
                hashField(request, "client_token_accessor", hmac);
            }
            hashData(request, hmac);
        }
        if (copy.get("response") instanceof ObjectNode response) {
            hashAuth(response.get("auth"), hmac, hmacAccessor);
            hashData(response, hmac);
            if (response.get("wrap_info") instanceof ObjectNode wrap) {
                hashField(wrap, "token", hmac);
                if (hmacAccessor) {
                    hashField(wrap, "accessor", hmac);
                    hashField(wrap, "wrapped_accessor", hmac);
                }
            }
        }
        return copy;
    }

    /** Every string value below {@code node} replaced by its HMAC, recursively. */
    public static JsonNode hashStrings(JsonNode node, Hmac hmac) {
        if (node.isString()) {
            return StringNode.valueOf(hmac.hash(node.stringValue()));
        }
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                object.set(name, hashStrings(object.get(name), hmac));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, hashStrings(array.get(i), hmac));
            }
        }
        return node;
    }

    private static void hashAuth(JsonNode auth, Hmac hmac, boolean hmacAccessor) {
        if (auth instanceof ObjectNode a) {
            hashField(a, "client_token", hmac);
            if (hmacAccessor) {
                hashField(a, "accessor", hmac);
            }
        }
    }

    private static void hashData(ObjectNode parent, Hmac hmac) {
        JsonNode data = parent.get("data");
        if (data != null && !data.isNull()) {
            parent.set("data", hashStrings(data, hmac));
        }
    }

    /** Empty strings stay empty, as in Vault: an absent token is not worth a hash. */
    private static void hashField(ObjectNode parent, String field, Hmac hmac) {
        JsonNode v = parent.get(field);
        if (v != null && v.isString() && !v.stringValue().isEmpty()) {
            parent.put(field, hmac.hash(v.stringValue()));
        }
    }
}
