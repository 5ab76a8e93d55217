package dev.arca.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Vault's response envelope for the gateway's own handlers. */
public final class Envelopes {

    private Envelopes() {
    }

    public static Map<String, Object> of(String requestId, @Nullable Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request_id", requestId);
        m.put("lease_id", "");
        m.put("renewable", false);
        m.put("lease_duration", 0);
        m.put("data", data);
        m.put("wrap_info", null);
        m.put("warnings", null);
        m.put("auth", null);
        return m;
    }

    /**
     * The envelope with the data's keys also at the top level, as Vault's "injector" routes answer
     * ({@code sys/mounts}, {@code sys/auth}, {@code sys/capabilities*}, {@code sys/key-status}, ...).
     */
    public static Map<String, Object> injected(String requestId, Map<String, ?> data) {
        Map<String, Object> m = new LinkedHashMap<>(data);
        m.putAll(of(requestId, data));
        return m;
    }
}
