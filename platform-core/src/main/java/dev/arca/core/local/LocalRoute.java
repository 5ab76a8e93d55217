package dev.arca.core.local;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

/**
 * A part of a service's internal API that it also answers in process. The handler is the same code
 * the service's HTTP controller runs, so both ways give the same answer.
 *
 * @param method     the HTTP method it takes, or null for any
 * @param pathPrefix the paths it takes, e.g. {@code /v1/}; a prefix not ending in {@code /} matches
 *                   only that exact path
 */
public record LocalRoute(@Nullable String method, String pathPrefix, Handler handler) {

    /** Answers one call the way the service's controller does (or throws what it would throw). */
    @FunctionalInterface
    public interface Handler {
        ResponseEntity<?> handle(LocalCall call);
    }

    boolean matches(LocalCall call) {
        if (method != null && !method.equalsIgnoreCase(call.method())) {
            return false;
        }
        return pathPrefix.endsWith("/") ? call.path().startsWith(pathPrefix) : call.path().equals(pathPrefix);
    }
}
