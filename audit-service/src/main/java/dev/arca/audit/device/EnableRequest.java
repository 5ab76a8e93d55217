package dev.arca.audit.device;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Body of {@code PUT sys/audit/<path>}. Option values are strings in Vault; others are stringified. */
record EnableRequest(@Nullable String type, @Nullable String description, @Nullable Map<String, @Nullable Object> options,
        @Nullable Boolean local) {

    Device toDevice(String path) {
        Map<String, String> opts = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((k, v) -> opts.put(k, v == null ? "" : v.toString()));
        }
        return new Device(path, type == null ? "" : type, description == null ? "" : description, opts,
                Boolean.TRUE.equals(local));
    }
}
