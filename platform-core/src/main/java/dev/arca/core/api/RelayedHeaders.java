package dev.arca.core.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The response headers a backend may set that the gateway relays to the caller, beside the content
 * type: those protocols spoken on a mount need (ACME's {@code Replay-Nonce}, {@code Location},
 * {@code Link}, {@code Retry-After}; {@code Cache-Control}). Any other header a service sets stays
 * between the service and the gateway.
 */
public final class RelayedHeaders {

    /** The relayed header names, as they are written. */
    public static final List<String> NAMES = List.of("Replay-Nonce", "Location", "Link", "Retry-After", "Cache-Control");

    private RelayedHeaders() {
    }

    /** The relayed headers of an answer, each with its values in order; a header without values is left out. */
    public static Map<String, List<String>> of(Function<String, @Nullable List<String>> values) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String name : NAMES) {
            List<String> v = values.apply(name);
            if (v != null && !v.isEmpty()) {
                out.put(name, List.copyOf(v));
            }
        }
        return out;
    }
}
