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
 */
public record LocalReply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished,
        @Nullable JsonNode tree) {
}
