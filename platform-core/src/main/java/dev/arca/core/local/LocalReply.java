package dev.arca.core.local;

import org.jspecify.annotations.Nullable;

/**
 * A service's answer to a {@link LocalCall}, as the caller would have read it from HTTP.
 *
 * @param invalidationsPublished the call published cache invalidations (what the
 *                               {@code Arca-Invalidations} response header says over HTTP)
 */
public record LocalReply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished) {
}
