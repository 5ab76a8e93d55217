package dev.arca.gateway.audit;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.token.Caller;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends Vault-format audit entries to audit-service, which hashes the sensitive values per device and
 * stores them. Fail-closed: when the entry is not accepted this throws, and the API call is refused.
 * Entries of concurrent calls share HTTP calls ({@link AuditBatcher}); each caller still waits for its
 * own entry to be durable.
 */
@Component
public class AuditEmitter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditEmitter.class);

    /** Longer than the HTTP timeout of the batch carrying the entry. */
    private static final long WAIT_SECONDS = 35;

    private final AuditBatcher batcher;
    private final JsonMapper json;

    public AuditEmitter(ServiceClient client, ContextSigner signer, JsonMapper json) {
        this.batcher = new AuditBatcher(client, signer);
        this.json = json;
    }

    /**
     * The request half of an entry, reused for the response entry.
     *
     * @param presented the token the caller sent, valid or not (audit-service hashes it), so that a call
     *                  with a bad token can be traced to the token that was tried
     */
    public Map<String, Object> request(RequestContext ctx, @Nullable Caller caller, @Nullable String presented, JsonNode data,
            @Nullable String error) {
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
        req.put("client_token", presented == null ? "" : presented);
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
            batcher.submit(json.writeValueAsBytes(entry)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            return;
        } catch (ExecutionException | TimeoutException e) {
            log.error("audit entry of request {} not stored; refusing the request", ctx.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw VaultException.internal("internal error");
    }

    @Override
    public void destroy() {
        batcher.close();
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
