package dev.arca.kv.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call on a KV mount as a path handler sees it: the gateway's context, the key below the path
 * family (e.g. {@code app/db} for {@code data/app/db}), the query and the raw body.
 */
public final class KvRequest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final RequestContext context;
    private final String key;
    private final Map<String, String> query;
    private final byte @Nullable [] body;
    private final @Nullable String contentType;
    private final JsonMapper json;

    public KvRequest(RequestContext context, String key, Map<String, String> query, byte @Nullable [] body,
            @Nullable String contentType, JsonMapper json) {
        this.context = context;
        this.key = key;
        this.query = Map.copyOf(query);
        this.body = body;
        this.contentType = contentType;
        this.json = json;
    }

    public RequestContext context() {
        return context;
    }

    public String requestId() {
        return context.requestId();
    }

    /** The storage key of the mount: its accessor, stable while the mount exists. */
    public String mount() {
        return context.mountAccessor();
    }

    public String key() {
        return key;
    }

    /** The key, which must not be empty (a secret needs a name). */
    public String requiredKey() {
        if (key.isEmpty() || key.endsWith("/")) {
            throw VaultException.badRequest("missing path");
        }
        return key;
    }

    /** The key as a list prefix: empty for the root, else ending in {@code /}. */
    public String listPrefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    public @Nullable String query(String name) {
        return query.get(name);
    }

    public @Nullable String contentType() {
        return contentType;
    }

    /** Vault takes PATCH only as a JSON merge patch; any other Content-Type is a 415. */
    public void requireMergePatch() {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(java.util.Locale.ROOT);
        if (!(type.equals(MERGE_PATCH) || type.startsWith(MERGE_PATCH + ";"))) {
            throw new VaultException(415, "PATCH requires Content-Type application/merge-patch+json");
        }
    }

    public JsonMapper json() {
        return json;
    }

    /** The body as a JSON object; an empty body is an empty object. Anything else is a 400. */
    public ObjectNode body() {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: request body is not valid JSON");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return json.createObjectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw VaultException.badRequest("failed to parse JSON input: request body must be a JSON object");
        }
        return object;
    }
}
