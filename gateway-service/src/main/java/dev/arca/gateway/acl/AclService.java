package dev.arca.gateway.acl;

import dev.arca.core.events.Invalidations;
import dev.arca.core.policy.Acl;
import dev.arca.core.policy.Policy;
import dev.arca.core.policy.PolicyParser;
import dev.arca.core.policy.PolicyTemplates;
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
 * A token with an entity also gets its identity policies (the entity's and its groups', from
 * {@link EntityViews}), and templated paths are filled in for that entity; a set with templated
 * policies is compiled per entity and dropped when the entity or a group changes. A disabled entity's
 * tokens are denied everything.
 */
@Component
public class AclService {

    private final ServiceClient client;
    private final JsonMapper json;
    private final Map<String, Optional<Policy>> policies = new ConcurrentHashMap<>();
    private final Map<List<String>, Acl> acls = new ConcurrentHashMap<>();
    /** Policy sets with templates, compiled for one entity: keyed by the entity id and the names; at most {@link #MAX_ENTITY_ACLS}. */
    private final Map<List<String>, Acl> entityAcls = new ConcurrentHashMap<>();
    private static final int MAX_ENTITY_ACLS = 100_000;
    private final EntityViews entities;

    public AclService(ServiceClient client, JsonMapper json, Invalidations invalidations, EntityViews entities) {
        this.client = client;
        this.json = json;
        this.entities = entities;
        invalidations.subscribe(message -> {
            if (message.startsWith("policy:")) {
                policies.remove(message.substring("policy:".length()));
                acls.clear();
                entityAcls.clear();
            } else if (Invalidations.RESET.equals(message)) {
                policies.clear();
                acls.clear();
                entityAcls.clear();
            } else if (message.startsWith("entity:")) {
                // a new entity (every first login makes one) must not cost the others their compiled ACLs
                String id = message.substring("entity:".length());
                entityAcls.keySet().removeIf(k -> k.getFirst().equals(id));
            } else if (message.startsWith("group:")) {
                entityAcls.clear();
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
        Acl acl = aclFor(caller.policies(), caller.entityId());
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

    /**
     * The ACL of a token: its own policies, and when it belongs to an entity, the entity's identity
     * policies, with templated paths filled in for that entity.
     */
    public Acl aclFor(List<String> policyNames, String entityId) {
        if (policyNames.contains("root")) {
            return Acl.root();
        }
        Optional<EntityViews.Entity> entity = entities.get(entityId);
        if (entity.isEmpty()) {
            return aclFor(policyNames);
        }
        EntityViews.Entity e = entity.get();
        if (e.disabled()) {
            return Acl.of(List.of());
        }
        List<String> names = new ArrayList<>(policyNames);
        e.policies().stream().filter(p -> !names.contains(p)).forEach(names::add);
        if (names.contains("root")) {
            // identity policies never make a token root
            names.remove("root");
        }
        if (names.stream().distinct().map(this::policy).flatMap(Optional::stream).noneMatch(PolicyTemplates::templated)) {
            return aclFor(names);
        }
        List<String> key = new ArrayList<>(names.size() + 1);
        key.add(e.id());
        key.addAll(names);
        if (entityAcls.size() >= MAX_ENTITY_ACLS) {
            // one per entity and policy list in use: past the bound, compiling again is cheaper than holding them all
            entityAcls.clear();
        }
        return entityAcls.computeIfAbsent(List.copyOf(key), k -> Acl.of(names.stream().distinct().map(this::policy)
                .flatMap(Optional::stream).map(p -> PolicyTemplates.resolve(p, e.values())).toList()));
    }

    /** The ACL of a policy set without an entity: templated paths resolve to nothing and are left out. */
    public Acl aclFor(List<String> policyNames) {
        if (policyNames.contains("root")) {
            return Acl.root();
        }
        // Keyed by the list as the token carries it: a token's policy list never changes, so the hot path
        // is one hash lookup; the rare other order of the same set just compiles once more.
        Acl acl = acls.get(policyNames);
        if (acl == null) {
            List<Policy> loaded = new ArrayList<>();
            policyNames.stream().distinct().forEach(name -> policy(name).map(p -> PolicyTemplates.resolve(p, null)).ifPresent(loaded::add));
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
