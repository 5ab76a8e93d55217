package dev.arca.gateway.acl;

import dev.arca.core.events.Invalidations;
import dev.arca.core.policy.Acl;
import dev.arca.core.policy.Policy;
import dev.arca.core.policy.PolicyParser;
import dev.arca.core.backend.Operation;
import dev.arca.gateway.api.Route;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import dev.arca.gateway.token.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Policy evaluation at the gateway. Policies are fetched from identity-service and compiled once;
 * the compiled ACL of each policy set is cached until a {@code policy:<name>} invalidation arrives.
 */
@Component
public class AclService {

    private final ServiceClient client;
    private final JsonMapper json;
    private final Map<String, Optional<Policy>> policies = new ConcurrentHashMap<>();
    private final Map<List<String>, Acl> acls = new ConcurrentHashMap<>();

    public AclService(ServiceClient client, JsonMapper json, Invalidations invalidations) {
        this.client = client;
        this.json = json;
        invalidations.subscribe(message -> {
            if (message.startsWith("policy:")) {
                policies.remove(message.substring("policy:".length()));
                acls.clear();
            } else if (Invalidations.RESET.equals(message)) {
                policies.clear();
                acls.clear();
            }
        });
    }

    /**
     * Whether the caller may perform the operation: null when denied, else the write limit to pass on.
     * On a path with an existence check a write needs {@code create} or {@code update}; when the
     * caller holds only one of them the backend enforces which one applies ({@code "create"} or
     * {@code "update"}), since only it knows whether the target exists. A path's {@code min_wrapping_ttl}
     * and {@code max_wrapping_ttl} are checked against {@code wrapTtl}, the wrapping the call asks for (0: none).
     */
    public @Nullable String check(Caller caller, String path, Operation op, JsonNode body, @Nullable Route route, long wrapTtl) {
        Acl acl = aclFor(caller.policies());
        if (acl.isRoot()) {
            return "";
        }
        if (!acl.allowsWrapping(path, op.wire(), wrapTtl)) {
            return null;
        }
        Map<String, Object> params = op.carriesData() && body.isObject() ? toMap(body) : null;
        boolean sudo = route != null && route.sudo();
        if (op == Operation.UPDATE && route instanceof Route.Forward f && f.existenceCheck()) {
            boolean update = acl.allowOperation(path, "update", params, sudo);
            boolean create = acl.allowOperation(path, "create", params, sudo);
            return update && create ? "" : update ? "update" : create ? "create" : null;
        }
        return acl.allowOperation(path, op.wire(), params, sudo) ? "" : null;
    }

    public Acl aclFor(List<String> policyNames) {
        if (policyNames.contains("root")) {
            return Acl.root();
        }
        // Keyed by the list as the token carries it: a token's policy list never changes, so the hot path
        // is one hash lookup; the rare other order of the same set just compiles once more.
        Acl acl = acls.get(policyNames);
        if (acl == null) {
            List<Policy> loaded = new ArrayList<>();
            policyNames.stream().distinct().forEach(name -> policy(name).ifPresent(loaded::add));
            acl = Acl.of(loaded);
            acls.put(List.copyOf(policyNames), acl);
        }
        return acl;
    }

    private Optional<Policy> policy(String name) {
        return policies.computeIfAbsent(name, n -> {
            var reply = client.send("identity", "GET", "/internal/policies/" + n, SystemContexts.internal("read", "sys/policies/acl/" + n), null, null);
            if (reply.status() == 404) {
                return Optional.empty();
            }
            if (!reply.ok()) {
                throw new IllegalStateException("identity-service could not read a policy: HTTP " + reply.status());
            }
            return Optional.of(PolicyParser.parse(n, client.parse(reply).path("policy").asString()));
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(JsonNode body) {
        return json.convertValue(body, Map.class);
    }
}
