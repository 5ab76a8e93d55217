package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.context.RequestContext;
import dev.arca.core.lease.Ttl;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code X-Vault-Wrap-TTL} on any call: the answer goes into a single-use wrapping token's cubbyhole
 * (identity's {@code /internal/wrapping/wrap}) and the caller gets Vault's {@code wrap_info} instead.
 */
@Component
public class ResponseWrapping {

    public static final String HEADER = "X-Vault-Wrap-TTL";

    private final ServiceClient client;

    public ResponseWrapping(ServiceClient client) {
        this.client = client;
    }

    /** The wrapping TTL the call asks for, in seconds; 0 when it asks for none (Vault: no header, or 0). */
    static long requested(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return 0;
        }
        return Coerce.duration(StringNode.valueOf(header.trim()), HEADER, 0, Ttl.SYSTEM_MAX);
    }

    /** Whether an answer is one Vault wraps: a 200 with a JSON body that is not already a wrapping. */
    static boolean wraps(int status, JsonNode answer) {
        return status == 200 && answer.isObject() && (answer.path("wrap_info").isMissingNode() || answer.path("wrap_info").isNull());
    }

    /** The envelope that replaces {@code answer}: its {@code wrap_info} names the new wrapping token. */
    JsonNode wrap(RequestContext ctx, long ttl, JsonNode answer) {
        var reply = client.sendJson("identity", "POST", "/internal/wrapping/wrap", SystemContexts.internal("update", ctx.path()),
                Map.of("request_id", ctx.requestId(), "ttl", ttl, "creation_path", ctx.path(), "response", answer));
        if (reply.status() >= 400 && reply.status() < 500) {
            List<String> errors = new ArrayList<>();
            client.parse(reply).path("errors").forEach(e -> errors.add(e.asString()));
            throw new VaultException(reply.status(), errors);
        }
        if (!reply.ok()) {
            throw new IllegalStateException("identity-service could not wrap a response: HTTP " + reply.status());
        }
        return client.parse(reply);
    }
}
