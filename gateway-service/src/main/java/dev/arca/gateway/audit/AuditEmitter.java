package dev.arca.gateway.audit;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.ServiceUnavailableException;
import dev.arca.gateway.token.Caller;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sends Vault-format audit entries to audit-service, which hashes the sensitive values per device and
 * stores them. Fail-closed: when the entry is not accepted this throws, and the API call is refused.
 */
@Component
public class AuditEmitter {

    private static final Logger log = LoggerFactory.getLogger(AuditEmitter.class);

    private final ServiceClient client;

    public AuditEmitter(ServiceClient client) {
        this.client = client;
    }

    /** The request half of an entry, reused for the response entry. */
    public Map<String, Object> request(RequestContext ctx, @Nullable Caller caller, JsonNode data, @Nullable String error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("type", "request");
        entry.put("auth", auth(caller));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("id", ctx.requestId());
        req.put("operation", ctx.operation());
        req.put("mount_type", ctx.mountType());
        req.put("mount_accessor", ctx.mountAccessor());
        req.put("mount_point", ctx.mountPath());
        req.put("client_token", caller == null ? "" : caller.token());
        req.put("client_token_accessor", caller == null ? "" : caller.accessor());
        req.put("namespace", Map.of("id", "root"));
        req.put("path", ctx.path());
        req.put("data", data.isObject() ? data : null);
        req.put("remote_address", ctx.clientAddress());
        entry.put("request", req);
        entry.put("error", error == null ? "" : error);
        return entry;
    }

    /** A response entry for a request entry, with the response body's data, auth and lease. */
    public Map<String, Object> response(Map<String, Object> requestEntry, int status, JsonNode body, @Nullable String error) {
        Map<String, Object> entry = new LinkedHashMap<>(requestEntry);
        entry.put("time", Instant.now().toString());
        entry.put("type", "response");
        Map<String, Object> resp = new LinkedHashMap<>();
        resp.put("mount_type", ((Map<?, ?>) requestEntry.get("request")).get("mount_type"));
        resp.put("status_code", status);
        if (body.isObject()) {
            if (body.hasNonNull("data")) {
                resp.put("data", body.get("data"));
            }
            if (body.hasNonNull("auth")) {
                resp.put("auth", body.get("auth"));
            }
            if (!body.path("lease_id").asString("").isEmpty()) {
                resp.put("secret", Map.of("lease_id", body.get("lease_id").asString()));
            }
            if (body.hasNonNull("warnings")) {
                resp.put("warnings", body.get("warnings"));
            }
        }
        entry.put("response", resp);
        entry.put("error", error == null ? "" : error);
        return entry;
    }

    /** Stores an entry; throws 500 when audit-service does not accept it. */
    public void log(RequestContext ctx, Map<String, Object> entry) {
        try {
            var reply = client.sendJson("audit", "POST", "/internal/audit/log", ctx, entry);
            if (reply.ok()) {
                return;
            }
            log.error("audit-service refused an audit entry: HTTP {}", reply.status());
        } catch (ServiceUnavailableException e) {
            log.error("audit-service unreachable; refusing the request");
        }
        throw VaultException.internal("internal error");
    }

    private static Map<String, Object> auth(@Nullable Caller caller) {
        Map<String, Object> a = new LinkedHashMap<>();
        if (caller == null) {
            return a;
        }
        a.put("client_token", caller.token());
        a.put("accessor", caller.accessor());
        a.put("display_name", caller.displayName());
        a.put("policies", caller.policies());
        a.put("token_policies", caller.policies());
        a.put("entity_id", caller.entityId());
        a.put("token_type", "service");
        return a;
    }
}
