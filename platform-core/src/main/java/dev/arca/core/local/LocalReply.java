package dev.arca.core.local;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A service's answer to a {@link LocalCall}, as the caller would have read it from HTTP.
 *
 * @param invalidationsPublished the call published cache invalidations (what the
 *                               {@code Arca-Invalidations} response header says over HTTP)
 * @param tree                   the body as a JSON tree when the service answered with an object
 *                               (the caller may read it without parsing {@code body}), else null
 * @param headers                the answer's headers a caller relays ({@link dev.arca.core.api.RelayedHeaders})
 */
public record LocalReply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished,
        @Nullable JsonNode tree, java.util.Map<String, java.util.List<String>> headers) {

    public LocalReply {
        headers = java.util.Map.copyOf(headers);
    }

    public LocalReply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished, @Nullable JsonNode tree) {
        this(status, contentType, body, invalidationsPublished, tree, java.util.Map.of());
    }
}
