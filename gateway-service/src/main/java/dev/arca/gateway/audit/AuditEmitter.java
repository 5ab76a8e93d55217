package dev.arca.gateway.audit;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.token.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends Vault-format audit entries to audit-service, which hashes the sensitive values per device and
 * stores them. Fail-closed: when the entry is not accepted this throws, and the API call is refused.
 * Entries of concurrent calls share HTTP calls ({@link AuditBatcher}); each caller still waits for its
 * own entry to be durable.
 *
 * <p>{@code arca.audit.emit} times each caller's wait for its entry to be durable;
 * {@code arca.audit.failures} counts the entries that were not, each of which refused its call.
 */
@Component
public class AuditEmitter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditEmitter.class);

    /** Longer than the HTTP timeout of the batch carrying the entry. */
    private static final long WAIT_SECONDS = 35;

    private final AuditBatcher batcher;
    private final JsonMapper json;
    private final Timer emits;
    private final Counter failures;

    public AuditEmitter(ServiceClient client, ContextSigner signer, JsonMapper json, MeterRegistry meters) {
        this.batcher = new AuditBatcher(client, signer, json);
        this.json = json;
        this.emits = Timer.builder("arca.audit.emit").description("Wait for an audit entry to be durable in audit-service")
                .register(meters);
        this.failures = Counter.builder("arca.audit.failures")
                .description("Audit entries audit-service did not store; each refused its API call").register(meters);
    }

    /**
     * The request half of an entry, reused for the response entry.
     *
     * @param presented the token the caller sent, valid or not (audit-service hashes it), so that a call
     *                  with a bad token can be traced to the token that was tried
     */
    public ObjectNode request(RequestContext ctx, @Nullable Caller caller, @Nullable String presented, JsonNode data,
            @Nullable String error) {
        ObjectNode entry = json.createObjectNode();
        entry.put("time", Instant.now().toString());
        entry.put("type", "request");
        entry.set("auth", auth(caller));
        ObjectNode req = entry.putObject("request");
        req.put("id", ctx.requestId());
        req.put("operation", ctx.operation());
        req.put("mount_type", ctx.mountType());
        req.put("mount_accessor", ctx.mountAccessor());
        req.put("mount_point", ctx.mountPath());
        req.put("client_token", presented == null ? "" : presented);
        req.put("client_token_accessor", caller == null ? "" : caller.accessor());
        req.putObject("namespace").put("id", "root");
        req.put("path", ctx.path());
        req.set("data", data.isObject() ? data : json.nullNode());
        req.put("remote_address", ctx.clientAddress());
        entry.put("error", error == null ? "" : error);
        return entry;
    }

    /**
     * The {@code request.data} of a call refused before it ran: {@code {"body_sha256": <hex>}}, which
     * audit-service HMACs like any string of the data. A body that is never executed costs the audit
     * trail one short value, whatever it holds; an operator can still match a known body through
     * {@code sys/audit-hash} of its SHA-256. Empty when there was no body.
     */
    public JsonNode digest(byte[] raw) {
        if (raw.length == 0) {
            return json.nullNode();
        }
        try {
            ObjectNode d = json.createObjectNode();
            d.put("body_sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A response entry for a request entry, with the response body's data, auth and lease. It shares
     * the request entry's unchanged parts ({@code auth}, {@code request}), which no one modifies.
     */
    public ObjectNode response(ObjectNode requestEntry, int status, JsonNode body, @Nullable String error) {
        ObjectNode entry = json.createObjectNode();
        entry.put("time", Instant.now().toString());
        entry.put("type", "response");
        entry.set("auth", requestEntry.get("auth"));
        entry.set("request", requestEntry.get("request"));
        ObjectNode resp = json.createObjectNode();
        resp.put("mount_type", requestEntry.path("request").path("mount_type").asString(""));
        resp.put("status_code", status);
        if (body.isObject()) {
            if (body.hasNonNull("data")) {
                resp.set("data", body.get("data"));
            }
            if (body.hasNonNull("auth")) {
                resp.set("auth", body.get("auth"));
            }
            if (!body.path("lease_id").asString("").isEmpty()) {
                resp.putObject("secret").put("lease_id", body.get("lease_id").asString());
            }
            if (body.hasNonNull("warnings")) {
                resp.set("warnings", body.get("warnings"));
            }
        }
        entry.set("response", resp);
        entry.put("error", error == null ? "" : error);
        return entry;
    }

    /** Stores an entry; throws 500 when audit-service does not accept it. */
    public void log(RequestContext ctx, ObjectNode entry) {
        long started = System.nanoTime();
        try {
            batcher.submit(entry).get(WAIT_SECONDS, TimeUnit.SECONDS);
            emits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return;
        } catch (ExecutionException | TimeoutException e) {
            log.error("audit entry of request {} not stored; refusing the request", ctx.requestId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failures.increment();
        throw VaultException.internal("internal error");
    }

    @Override
    public void destroy() {
        batcher.close();
    }

    private ObjectNode auth(@Nullable Caller caller) {
        ObjectNode a = json.createObjectNode();
        if (caller == null) {
            return a;
        }
        a.put("client_token", caller.token());
        a.put("accessor", caller.accessor());
        a.put("display_name", caller.displayName());
        ArrayNode policies = a.putArray("policies");
        caller.policies().forEach(policies::add);
        // one node under both names: entries are never modified once built (see AuditBatcher.submit)
        a.set("token_policies", policies);
        a.put("entity_id", caller.entityId());
        a.put("token_type", "service");
        return a;
    }
}
