package dev.arca.core.local;

import dev.arca.core.backend.Coerce;
import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One internal call, as it would travel over HTTP: method, path and query of the service's internal
 * API, the context the gateway vouches for (unsigned: it never leaves the process), body and headers.
 *
 * @param path    starting with {@code /}, still URL-encoded, e.g. {@code /v1/secret/data/a%20b}
 * @param query   the raw query string without {@code ?}, empty when there is none
 * @param body    empty when the call has no body, or when it comes as {@code tree}
 * @param tree    the body as a JSON tree, when the caller holds it as one (it then skips serialising
 *                it, and the service skips parsing it); the service must not modify it
 * @param headers the extra headers of the call (e.g. {@code X-Vault-Token} for identity)
 * @param parsed  the query already parsed by the caller (so it is parsed once per API call), or null
 */
public record LocalCall(String method, String path, String query, RequestContext context, byte[] body,
        @Nullable JsonNode tree, @Nullable String contentType, Map<String, String> headers,
        @Nullable Map<String, String> parsed) {

    public LocalCall {
        headers = Map.copyOf(headers);
    }

    public LocalCall(String method, String path, String query, RequestContext context, byte[] body,
            @Nullable JsonNode tree, @Nullable String contentType, Map<String, String> headers) {
        this(method, path, query, context, body, tree, contentType, headers, null);
    }

    /** The query parameters, URL-decoded; the first value of a repeated name wins, as with {@code @RequestParam Map}. */
    public Map<String, String> params() {
        return parsed != null ? parsed : Coerce.query(query);
    }

    /** The body, or null when there is none (what {@code @RequestBody(required = false)} gives). */
    public byte @Nullable [] bodyOrNull() {
        return body.length == 0 ? null : body;
    }

    /** The body as JSON: the caller's tree, else the bytes parsed ({@code 400} when they are not JSON). */
    public JsonNode json(JsonMapper json) {
        if (tree != null) {
            return tree;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: malformed JSON body");
        }
    }

    public @Nullable String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
