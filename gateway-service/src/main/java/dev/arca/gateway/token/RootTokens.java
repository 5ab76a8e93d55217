package dev.arca.gateway.token;

import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Asks identity-service for a root token (at init, and in dev mode with a chosen id). */
@Component
public class RootTokens {

    private final ServiceClient client;

    public RootTokens(ServiceClient client) {
        this.client = client;
    }

    public String create(@Nullable String chosenId) {
        Map<String, Object> body = new HashMap<>();
        if (chosenId != null && !chosenId.isBlank()) {
            body.put("id", chosenId);
        }
        var reply = client.sendJson("identity", "POST", "/internal/tokens/root", SystemContexts.internal("update", "sys/init"), body);
        if (!reply.ok()) {
            throw new IllegalStateException("identity-service could not create the root token: HTTP " + reply.status());
        }
        return client.parse(reply).path("client_token").asString();
    }
}
