package dev.arca.gateway.acl;

import dev.arca.core.events.Invalidations;
import dev.arca.core.policy.IdentityValues;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The identity view of each entity a token belongs to (identity policies, disabled, the values policy
 * templates read), from identity-service, cached until an invalidation: {@code entity:<id>} drops that
 * entity; any {@code group:<id>} drops every view, since a group change reaches every member (also
 * through member groups) and live tokens must see it at once.
 */
@Component
public class EntityViews {

    private static final int MAX_ENTRIES = 100_000;

    /** An entity as the ACL sees it. */
    public record Entity(String id, boolean disabled, List<String> policies, IdentityValues values) {
        public Entity {
            policies = List.copyOf(policies);
        }
    }

    private final ServiceClient client;
    private final Map<String, Optional<Entity>> cache = new ConcurrentHashMap<>();

    public EntityViews(ServiceClient client, Invalidations invalidations) {
        this.client = client;
        invalidations.subscribe(message -> {
            if (message.startsWith("entity:")) {
                cache.remove(message.substring("entity:".length()));
            } else if (message.startsWith("group:") || Invalidations.RESET.equals(message)) {
                cache.clear();
            }
        });
    }

    /** The entity (or the one it was merged into); empty when the id names none. */
    public Optional<Entity> get(String entityId) {
        if (entityId.isEmpty()) {
            return Optional.empty();
        }
        Optional<Entity> cached = cache.get(entityId);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        Optional<Entity> loaded = load(entityId);
        // a merge makes an id stand for another entity: only an entity's own id is cached, so a change of
        // the surviving entity (entity:<its id>) drops what was cached
        if (loaded.isEmpty() || loaded.get().id().equals(entityId)) {
            cache.put(entityId, loaded);
        }
        return loaded;
    }

    private Optional<Entity> load(String entityId) {
        var reply = client.sendJson("identity", "POST", "/internal/identity/entity", SystemContexts.internal("read", "identity/entity/id"),
                Map.of("entity_id", entityId));
        if (reply.status() == 404) {
            return Optional.empty();
        }
        if (!reply.ok()) {
            throw new IllegalStateException("identity-service could not read an entity: HTTP " + reply.status());
        }
        JsonNode n = client.parse(reply);
        List<String> policies = new ArrayList<>();
        n.path("policies").forEach(p -> policies.add(p.asString()));
        Map<String, Map<String, String>> groupMetadata = new LinkedHashMap<>();
        n.path("group_metadata").properties().forEach(e -> groupMetadata.put(e.getKey(), strings(e.getValue())));
        return Optional.of(new Entity(n.path("id").asString(), n.path("disabled").asBoolean(false), policies,
                new IdentityValues(n.path("id").asString(), n.path("name").asString(), strings(n.path("aliases")),
                        strings(n.path("metadata")), strings(n.path("groups")), groupMetadata)));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }
}
