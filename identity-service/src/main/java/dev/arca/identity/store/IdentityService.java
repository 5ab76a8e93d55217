package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.FieldData;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.store.EntityStore.Alias;
import dev.arca.identity.store.EntityStore.Entity;
import dev.arca.identity.store.GroupStore.Group;
import dev.arca.identity.store.GroupStore.Membership;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity store's rules: entities created or updated by id or name, aliases (one per entity and
 * mount, one per mount and name), groups, merges, the entity a login belongs to, and the identity
 * view of an entity that the gateway's ACL evaluation and token lookups use.
 */
@Service
public class IdentityService {

    /** At most this many members or policies in one write: the work of a request stays bounded by its size. */
    static final int MAX_LIST = 10_000;

    static final String INTERNAL = "internal";
    static final String EXTERNAL = "external";

    private final EntityStore entities;
    private final GroupStore groups;
    private final GroupAliasStore groupAliases;

    IdentityService(EntityStore entities, GroupStore groups, GroupAliasStore groupAliases) {
        this.entities = entities;
        this.groups = groups;
        this.groupAliases = groupAliases;
    }

    /**
     * What an entity means for its tokens: its identity policies (its own and its groups', at any
     * depth) and the values policy templates read.
     *
     * @param aliases alias name by mount accessor
     * @param groups  group name by group id
     */
    public record View(String id, String name, boolean disabled, List<String> policies, Map<String, String> aliases,
            Map<String, String> metadata, Map<String, String> groups, Map<String, Map<String, String>> groupMetadata) {
    }

    // entities

    /** A write on {@code entity}: the entity named by {@code id}, else by {@code name}, else a new one. */
    @Transactional
    public Map<String, Object> writeEntity(FieldData f, @Nullable String pathId, @Nullable String pathName) {
        String id = pathId != null ? pathId : f.string("id");
        Entity existing = null;
        if (!id.isEmpty()) {
            existing = entities.lock(id).orElseThrow(() -> VaultException.badRequest("entity not found from id"));
        }
        String name = pathName != null ? pathName : f.string("name");
        if (existing == null && !name.isEmpty()) {
            existing = entities.byName(name).flatMap(e -> entities.lock(e.id())).orElse(null);
        }
        boolean isNew = existing == null;
        String newId = isNew ? EntityStore.newId() : existing.id();
        if (name.isEmpty()) {
            name = isNew ? EntityStore.generatedName("entity_", newId) : existing.name();
        }
        Entity e = new Entity(newId, name,
                f.has("policies") ? policies(f.strings("policies")) : isNew ? List.of() : existing.policies(),
                f.has("metadata") ? f.pairs("metadata") : isNew ? Map.of() : existing.metadata(),
                f.has("disabled") ? f.bool("disabled", false) : !isNew && existing.disabled(),
                Instant.now(), Instant.now());
        if (isNew) {
            entities.insert(e);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("aliases", null);
            out.put("id", e.id());
            out.put("name", e.name());
            return out;
        }
        entities.update(e);
        return Map.of();
    }

    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> readEntity(Optional<Entity> found) {
        return found.map(e -> IdentityViews.entity(e, entities.aliasesOf(e.id()), groups.memberships(e.id()), entities.mergedIds(e.id())));
    }

    Optional<Entity> entityById(String id) {
        return entities.byId(id);
    }

    Optional<Entity> entityByName(String name) {
        return entities.byName(name);
    }

    @Transactional
    public void deleteEntity(Optional<Entity> found) {
        // its aliases and group memberships go with it (foreign keys)
        found.ifPresent(e -> entities.delete(e.id()));
    }

    List<String> entityIds() {
        return entities.ids();
    }

    List<String> entityNames() {
        return entities.names();
    }

    /** {@code entity/merge}: aliases, policies and group memberships of the others move to {@code to}; they are deleted. */
    @Transactional
    public void merge(String toId, List<String> fromIds, List<String> keepAliasIds) {
        if (toId.isEmpty()) {
            throw VaultException.badRequest("missing entity id to merge to");
        }
        if (fromIds.isEmpty()) {
            throw VaultException.badRequest("missing entity ids to merge from");
        }
        if (fromIds.size() > MAX_LIST) {
            throw VaultException.badRequest("too many entity ids to merge from");
        }
        Entity to = entities.lock(toId).orElseThrow(() -> VaultException.badRequest("entity id to merge to is invalid"));
        List<Entity> from = new ArrayList<>();
        for (String id : new LinkedHashSet<>(fromIds)) {
            if (id.equals(toId)) {
                throw VaultException.badRequest("to_entity_id should not be present in from_entity_ids");
            }
            from.add(entities.lock(id).orElseThrow(() -> VaultException.badRequest("entity id to merge from is invalid")));
        }
        if (from.size() > 1 && keepAliasIds.size() > 1) {
            throw VaultException.badRequest("aliases conflicts cannot be resolved with multiple from entity ids - merge one entity at a time");
        }
        Map<String, Alias> byMount = new LinkedHashMap<>();
        entities.aliasesOf(to.id()).forEach(a -> byMount.put(a.mountAccessor(), a));
        List<String> clashes = new ArrayList<>();
        TreeSet<String> mergedPolicies = new TreeSet<>(to.policies());
        for (Entity f : from) {
            for (Alias a : entities.aliasesOf(f.id())) {
                Alias kept = byMount.get(a.mountAccessor());
                if (kept == null) {
                    byMount.put(a.mountAccessor(), a);
                    entities.moveAlias(a.id(), to.id());
                } else if (keepAliasIds.contains(kept.id())) {
                    entities.deleteAlias(a.id());
                } else if (keepAliasIds.contains(a.id())) {
                    entities.deleteAlias(kept.id());
                    byMount.put(a.mountAccessor(), a);
                    entities.moveAlias(a.id(), to.id());
                } else {
                    clashes.add("mountAccessor: " + a.mountAccessor() + ", toEntity ID: " + to.id() + ", fromEntity ID: " + f.id()
                            + ", conflicting toEntity alias ID: " + kept.id() + ", conflicting fromEntity alias ID: " + a.id());
                }
            }
            mergedPolicies.addAll(f.policies());
        }
        if (!clashes.isEmpty()) {
            throw VaultException.badRequest("toEntity and at least one fromEntity have aliases with the same mount accessor, "
                    + "repeat the merge request specifying exactly one fromEntity, clashes: " + String.join("; ", clashes));
        }
        for (Entity f : from) {
            groups.moveMemberships(f.id(), to.id());
            entities.delete(f.id());
            entities.recordMerge(f.id(), to.id());
        }
        entities.update(new Entity(to.id(), to.name(), List.copyOf(mergedPolicies), to.metadata(), to.disabled(), to.created(),
                Instant.now()));
    }

    // aliases

    /** A write on {@code entity-alias} (new, {@code pathId} null) or {@code entity-alias/id/<id>}. */
    @Transactional
    public Map<String, Object> writeAlias(FieldData f, @Nullable String pathId) {
        String id = pathId != null ? pathId : f.string("id");
        Alias existing = id.isEmpty() ? null : entities.alias(id).orElse(null);
        if (pathId != null && existing == null) {
            throw VaultException.badRequest("invalid alias ID provided");
        }
        AliasWrite w = existing == null ? AliasWrite.of(f, "", "", "")
                : AliasWrite.of(f, existing.name(), existing.mountAccessor(), existing.entityId());
        String name = w.name();
        String mount = w.mountAccessor();
        String canonical = w.canonicalId();
        Entity entity;
        if (canonical.isEmpty()) {
            entity = newEntity();
        } else {
            entity = entities.lock(canonical).orElseThrow(() -> VaultException.badRequest("invalid entity ID provided"));
        }
        Alias a = new Alias(existing == null ? EntityStore.newId() : existing.id(), entity.id(), mount,
                existing == null || !existing.mountAccessor().equals(mount) ? "" : existing.mountPath(),
                existing == null || !existing.mountAccessor().equals(mount) ? "" : existing.mountType(), name,
                existing == null ? Map.of() : existing.metadata(), Instant.now(), Instant.now());
        entities.saveAlias(a);
        if (existing != null) {
            return Map.of();
        }
        return Map.of("canonical_id", entity.id(), "id", a.id());
    }

    Optional<Map<String, Object>> readAlias(String id) {
        return entities.alias(id).map(IdentityViews::alias);
    }

    @Transactional
    public void deleteAlias(String id) {
        entities.deleteAlias(id);
    }

    List<String> aliasIds() {
        return entities.aliasIds();
    }

    /**
     * The entity of a login: the one the alias (this mount, this name) belongs to, or a new entity with
     * that alias when the name logs in for the first time. The alias's metadata becomes the login's
     * when they differ (as Vault refreshes it at every login).
     */
    @Transactional
    public String entityForLogin(RequestContext ctx, String aliasName, Map<String, String> aliasMetadata) {
        String mount = ctx.mountAccessor();
        Optional<Alias> found = entities.alias(mount, aliasName);
        if (found.isPresent()) {
            return refreshed(found.get(), aliasMetadata);
        }
        entities.lockAlias(mount, aliasName);
        found = entities.alias(mount, aliasName);
        if (found.isPresent()) {
            return refreshed(found.get(), aliasMetadata);
        }
        String id = newEntity().id();
        entities.saveAlias(new Alias(EntityStore.newId(), id, mount, ctx.mountPath(), ctx.mountType(), aliasName, aliasMetadata,
                Instant.now(), Instant.now()));
        return id;
    }

    private String refreshed(Alias a, Map<String, String> metadata) {
        if (!a.metadata().equals(metadata)) {
            entities.saveAlias(new Alias(a.id(), a.entityId(), a.mountAccessor(), a.mountPath(), a.mountType(), a.name(), metadata,
                    a.created(), Instant.now()));
        }
        return a.entityId();
    }

    private Entity newEntity() {
        String id = EntityStore.newId();
        Entity e = new Entity(id, EntityStore.generatedName("entity_", id), List.of(), Map.of(), false, Instant.now(), Instant.now());
        entities.insert(e);
        return e;
    }

    // groups

    @Transactional
    public Map<String, Object> writeGroup(FieldData f, @Nullable String pathId, @Nullable String pathName) {
        String type = groupType(f.string("type"));
        String id = pathId != null ? pathId : f.string("id");
        Group existing = null;
        if (!id.isEmpty()) {
            existing = groups.byId(id).orElseThrow(() -> VaultException.badRequest("group not found from id"));
        }
        String name = pathName != null ? pathName : f.string("name");
        if (existing == null && !name.isEmpty()) {
            existing = groups.byName(name).orElse(null);
        }
        boolean isNew = existing == null;
        String newId = isNew ? EntityStore.newId() : existing.id();
        if (name.isEmpty()) {
            name = isNew ? EntityStore.generatedName("group_", newId) : existing.name();
        }
        if (isNew && type.isEmpty()) {
            type = INTERNAL;
        } else if (!isNew && type.isEmpty()) {
            type = existing.type();
        } else if (!isNew && !type.equals(existing.type())) {
            throw VaultException.badRequest("group type cannot be changed");
        }
        if (type.equals(EXTERNAL) && f.has("member_entity_ids")) {
            throw VaultException.badRequest("member entities can't be set manually for external groups");
        }
        Group g = new Group(newId, name, type,
                f.has("policies") ? policies(f.strings("policies")) : isNew ? List.of() : existing.policies(),
                f.has("metadata") ? f.pairs("metadata") : isNew ? Map.of() : existing.metadata(),
                f.has("member_entity_ids") ? members(f.strings("member_entity_ids")) : isNew ? List.of() : existing.memberEntityIds(),
                f.has("member_group_ids") ? members(f.strings("member_group_ids")) : isNew ? List.of() : existing.memberGroupIds(),
                Instant.now(), Instant.now(), 0);
        groups.save(g, isNew);
        if (!isNew) {
            return Map.of();
        }
        return Map.of("id", g.id(), "name", g.name());
    }

    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> readGroup(Optional<Group> found) {
        return found.map(g -> IdentityViews.group(g, groups.parents(g.id()), groupAliases.ofGroup(g.id()).orElse(null)));
    }

    Optional<Group> groupById(String id) {
        return groups.byId(id);
    }

    Optional<Group> groupByName(String name) {
        return groups.byName(name);
    }

    @Transactional
    public void deleteGroup(Optional<Group> found) {
        found.ifPresent(g -> groups.delete(g.id()));
    }

    List<String> groupIds() {
        return groups.ids();
    }

    List<String> groupNames() {
        return groups.names();
    }

    /** A group's type as written: internal, external, or empty for the existing group's (internal for a new one). */
    static String groupType(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals(INTERNAL) && !t.equals(EXTERNAL)) {
            throw VaultException.badRequest("invalid group type \"" + t.replaceAll("[^a-z0-9_-]", "") + "\"");
        }
        return t;
    }

    /**
     * A login's external group memberships (Vault's group aliases of {@code auth}): the entity is in
     * exactly the external groups aliased on the login's mount whose alias names the login gives.
     */
    @Transactional
    public void syncExternalGroups(RequestContext ctx, String entityId, List<String> groupAliasNames) {
        if (groupAliasNames.size() > MAX_LIST) {
            throw VaultException.badRequest("too many groups");
        }
        groups.syncExternalMemberships(ctx.mountAccessor(), entityId, groupAliasNames);
    }

    // the identity view

    /** The view of an entity (or of the entity it was merged into), or empty when there is none. */
    @Transactional(readOnly = true)
    public Optional<View> view(String entityId) {
        if (entityId.isEmpty()) {
            return Optional.empty();
        }
        return entities.resolve(entityId).map(e -> {
            List<Membership> ms = groups.memberships(e.id());
            TreeSet<String> policies = new TreeSet<>(e.policies());
            Map<String, String> groupNames = new LinkedHashMap<>();
            Map<String, Map<String, String>> groupMetadata = new LinkedHashMap<>();
            for (Membership m : ms) {
                policies.addAll(m.policies());
                groupNames.put(m.id(), m.name());
                groupMetadata.put(m.id(), m.metadata());
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            entities.aliasesOf(e.id()).forEach(a -> aliases.put(a.mountAccessor(), a.name()));
            return new View(e.id(), e.name(), e.disabled(), List.copyOf(policies), aliases, e.metadata(), groupNames, groupMetadata);
        });
    }

    /** The policies an entity and its groups give its tokens; none for a token without an entity. */
    public List<String> identityPolicies(String entityId) {
        return view(entityId).map(View::policies).orElse(List.of());
    }

    private static List<String> policies(List<String> names) {
        if (names.size() > MAX_LIST) {
            throw VaultException.badRequest("too many policies");
        }
        if (names.stream().anyMatch(n -> n.trim().equalsIgnoreCase("root"))) {
            throw VaultException.badRequest("policies cannot contain root");
        }
        TreeSet<String> out = new TreeSet<>();
        for (String n : names) {
            String s = n.trim().toLowerCase(Locale.ROOT);
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> members(List<String> ids) {
        if (ids.size() > MAX_LIST) {
            throw VaultException.badRequest("too many members");
        }
        return List.copyOf(new TreeSet<>(ids.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }
}
