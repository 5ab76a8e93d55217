package dev.arca.gateway.service;

import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.context.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Contexts for calls the gateway makes on its own behalf (seal fan-out, lookups), not a caller's. */
public final class SystemContexts {

    private SystemContexts() {
    }

    public static RequestContext internal(String operation, String path) {
        return new RequestContext(UUID.randomUUID().toString(), operation, path, "sys/", "system", BackendDispatcher.SYSTEM_TYPE, Map.of(),
                "", "", "gateway", List.of("root"), "127.0.0.1");
    }
}
