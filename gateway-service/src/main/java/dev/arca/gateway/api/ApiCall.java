package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Operation;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.token.Caller;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A call that passed token, ACL and audit checks, as a local handler or the forwarder sees it.
 *
 * @param body    the JSON body, or a missing node when there is none
 * @param rawPath the path with its repeated slashes as the caller sent them, when they differ from {@code path}; else null
 */
public record ApiCall(RequestContext ctx, Operation operation, String method, String path, String query,
        Map<String, String> params, JsonNode body, byte[] rawBody, @Nullable String contentType, Caller caller,
        @Nullable String rawPath) {

    public ApiCall(RequestContext ctx, Operation operation, String method, String path, String query,
            Map<String, String> params, JsonNode body, byte[] rawBody, @Nullable String contentType, Caller caller) {
        this(ctx, operation, method, path, query, params, body, rawBody, contentType, caller, null);
    }

    /** A body field as text, or null. */
    public @Nullable String text(String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : Coerce.string(n, field);
    }

    public String requireText(String field) {
        String v = text(field);
        if (v == null || v.isEmpty()) {
            throw VaultException.badRequest("missing required field '" + field + "'");
        }
        return v;
    }

    /** The path below a route's prefix, e.g. {@code secret/} for {@code sys/mounts/secret}. */
    public String suffix(String prefix) {
        return path.length() > prefix.length() ? path.substring(prefix.length()) : "";
    }
}
