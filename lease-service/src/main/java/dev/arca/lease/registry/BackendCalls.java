package dev.arca.lease.registry;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.local.LocalCall;
import dev.arca.core.local.LocalEndpoint;
import dev.arca.core.local.LocalReply;
import dev.arca.core.local.LocalServices;
import dev.arca.lease.store.LeaseRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renews and revokes a lease through the backend that issued it: its service's
 * {@code /internal/backends/leases}, called in process. A service that is not in this process (or not
 * running) counts as a failed call, which the expiry scheduler retries.
 */
@Component
public class BackendCalls {

    private final @Nullable LocalServices directory;
    private final JsonMapper json;

    @Autowired
    public BackendCalls(@Qualifier(LocalServices.BEAN_NAME) ObjectProvider<LocalServices> directory, JsonMapper json) {
        this(directory.getIfAvailable(), json);
    }

    public BackendCalls(@Nullable LocalServices directory, JsonMapper json) {
        this.directory = directory;
        this.json = json;
    }

    /** Asks the backend to renew; answers the TTL it grants (at most {@code ttl}). */
    public long renew(LeaseRecord lease, long increment, long ttl) {
        return call("renew", lease, increment, ttl).path("ttl").asLong(0);
    }

    /** Asks the backend to revoke; returns only once it has. */
    public void revoke(LeaseRecord lease) {
        call("revoke", lease, 0, 0);
    }

    private JsonNode call(String event, LeaseRecord lease, long increment, long ttl) {
        LocalEndpoint endpoint = directory == null ? null : directory.find(lease.service());
        if (endpoint == null) {
            throw new VaultException(503, "the service of the lease's backend is not reachable");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("mount", Map.of("path", lease.mountPath(), "type", lease.mountType(), "accessor", lease.mountAccessor()));
        body.put("secret_type", lease.secretType());
        body.put("lease_id", lease.id());
        body.put("data", lease.data());
        body.put("increment", increment);
        body.put("ttl", ttl);
        body.put("issue_ms", lease.issueMs());
        RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), "update", "sys/leases", "sys/", "system", "system",
                Map.of(), "", "", "lease", List.of("root"), "127.0.0.1");
        LocalReply reply = endpoint.call(new LocalCall("POST", "/internal/backends/leases", "", ctx, new byte[0],
                json.valueToTree(body), "application/json", Map.of()));
        if (reply == null) {
            throw new VaultException(503, "the lease's backend does not answer lease calls");
        }
        JsonNode answer = reply.tree() != null ? reply.tree() : reply.body().length == 0 ? json.missingNode() : json.readTree(reply.body());
        if (reply.status() / 100 != 2) {
            JsonNode errors = answer.path("errors");
            String message = errors.isArray() && !errors.isEmpty() ? errors.get(0).asString("") : "";
            throw new VaultException(reply.status(), message.isEmpty() ? "the backend refused" : message);
        }
        return answer;
    }
}
