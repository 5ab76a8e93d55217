package dev.arca.identity.store;

import dev.arca.identity.store.EntityStore.Alias;
import dev.arca.identity.store.EntityStore.Entity;
import dev.arca.identity.store.GroupAliasStore.GroupAlias;
import dev.arca.identity.store.GroupStore.Group;
import dev.arca.identity.store.GroupStore.Membership;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Vault's JSON shapes of entities, aliases and groups. */
final class IdentityViews {

    private static final String NAMESPACE = "root";

    private IdentityViews() {
    }

    static Map<String, Object> entity(Entity e, List<Alias> aliases, List<Membership> groups, List<String> mergedIds) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("aliases", aliases.stream().map(IdentityViews::alias).toList());
        d.put("creation_time", e.created().toString());
        d.put("direct_group_ids", groups.stream().filter(Membership::direct).map(Membership::id).toList());
        d.put("disabled", e.disabled());
        d.put("group_ids", groups.stream().map(Membership::id).toList());
        d.put("id", e.id());
        d.put("inherited_group_ids", groups.stream().filter(m -> !m.direct()).map(Membership::id).toList());
        d.put("last_update_time", e.updated().toString());
        d.put("merged_entity_ids", mergedIds.isEmpty() ? null : mergedIds);
        d.put("metadata", e.metadata().isEmpty() ? null : e.metadata());
        d.put("name", e.name());
        d.put("namespace_id", NAMESPACE);
        d.put("policies", e.policies());
        return d;
    }

    static Map<String, Object> alias(Alias a) {
        Map<String, Object> d = aliasView(a.entityId(), a.created(), a.id(), a.updated(), a.metadata(), a.mountAccessor(), a.mountPath(),
                a.mountType(), a.name());
        d.put("local", false);
        return new java.util.TreeMap<>(d);
    }

    /** The fields entity aliases and group aliases share. */
    private static Map<String, Object> aliasView(String canonicalId, Instant created, String id, Instant updated,
            Map<String, String> metadata, String mountAccessor, String mountPath, String mountType, String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("canonical_id", canonicalId);
        d.put("creation_time", created.toString());
        d.put("id", id);
        d.put("last_update_time", updated.toString());
        d.put("merged_from_canonical_ids", null);
        d.put("metadata", metadata.isEmpty() ? null : metadata);
        d.put("mount_accessor", mountAccessor);
        d.put("mount_path", mountPath);
        d.put("mount_type", mountType);
        d.put("name", name);
        d.put("namespace_id", NAMESPACE);
        return d;
    }

    static Map<String, Object> group(Group g, List<String> parents, @Nullable GroupAlias alias) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("alias", alias == null ? Map.of() : groupAlias(alias));
        d.put("creation_time", g.created().toString());
        d.put("id", g.id());
        d.put("last_update_time", g.updated().toString());
        d.put("member_entity_ids", g.memberEntityIds());
        d.put("member_group_ids", g.memberGroupIds().isEmpty() ? null : g.memberGroupIds());
        d.put("metadata", g.metadata().isEmpty() ? null : g.metadata());
        d.put("modify_index", g.modifyIndex());
        d.put("name", g.name());
        d.put("namespace_id", NAMESPACE);
        d.put("parent_group_ids", parents.isEmpty() ? null : parents);
        d.put("policies", g.policies());
        d.put("type", g.type());
        return d;
    }

    static Map<String, Object> groupAlias(GroupAlias a) {
        return aliasView(a.groupId(), a.created(), a.id(), a.updated(), Map.of(), a.mountAccessor(), "", "", a.name());
    }
}
