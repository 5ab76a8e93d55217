package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.events.Invalidations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Groups: policies, metadata, member entities and member groups (no cycles). An internal group's
 * members are written; an external group's member entities are set by logins, through its alias on
 * an auth mount. Every change publishes {@code group:<id>}: a group's policies reach every member's
 * tokens through the gateway's identity views, which it drops on any group change.
 */
@Repository
class GroupStore {

    static final String GROUPS = "identity_groups";

    /** A group as stored, with its direct members. */
    record Group(String id, String name, String type, List<String> policies, Map<String, String> metadata, List<String> memberEntityIds,
            List<String> memberGroupIds, Instant created, Instant updated, long modifyIndex) {
        Group {
            policies = List.copyOf(policies);
            metadata = Map.copyOf(metadata);
            memberEntityIds = List.copyOf(memberEntityIds);
            memberGroupIds = List.copyOf(memberGroupIds);
        }
    }

    /** A group an entity belongs to, directly or through member groups. */
    record Membership(String id, String name, List<String> policies, Map<String, String> metadata, boolean direct) {
    }

    private final JdbcClient jdbc;
    private final Metadata metadata;
    private final Invalidations invalidations;

    GroupStore(JdbcClient jdbc, Metadata metadata, Invalidations invalidations) {
        this.jdbc = jdbc;
        this.metadata = metadata;
        this.invalidations = invalidations;
    }

    Optional<Group> byId(String id) {
        return jdbc.sql("SELECT * FROM identity_groups WHERE id = ?").param(id).query(this::group).optional();
    }

    Optional<Group> byName(String name) {
        return jdbc.sql("SELECT * FROM identity_groups WHERE name = ?").param(name).query(this::group).optional();
    }

    List<String> ids() {
        return jdbc.sql("SELECT id FROM identity_groups ORDER BY id").query(String.class).list();
    }

    List<String> names() {
        return jdbc.sql("SELECT name FROM identity_groups ORDER BY name").query(String.class).list();
    }

    /** The groups that have this group as a direct member. */
    List<String> parents(String groupId) {
        return jdbc.sql("SELECT group_id FROM identity_group_groups WHERE member_group_id = ? ORDER BY group_id").param(groupId)
                .query(String.class).list();
    }

    /** Every group the entity is in: directly, or as a member of a member group at any depth. */
    List<Membership> memberships(String entityId) {
        return jdbc.sql("""
                WITH RECURSIVE g(id, direct) AS (
                    SELECT group_id, true FROM identity_group_entities WHERE entity_id = ?
                    UNION
                    SELECT gg.group_id, false FROM identity_group_groups gg JOIN g ON gg.member_group_id = g.id
                )
                SELECT x.id, x.name, x.policies, x.metadata, bool_or(g.direct) AS direct
                FROM identity_groups x JOIN g ON g.id = x.id
                GROUP BY x.id, x.name, x.policies, x.metadata ORDER BY x.name
                """).param(entityId).query((rs, n) -> new Membership(rs.getString("id"), rs.getString("name"),
                EntityStore.strings(rs.getArray("policies")), metadata.open(GROUPS, rs.getString("id"), rs.getBytes("metadata")),
                rs.getBoolean("direct"))).list();
    }

    List<String> groupsWithMember(String entityId) {
        return jdbc.sql("SELECT group_id FROM identity_group_entities WHERE entity_id = ?").param(entityId).query(String.class).list();
    }

    /** Inserts or replaces a group and its direct members. */
    void save(Group g, boolean isNew) {
        if (jdbc.sql("SELECT 1 FROM identity_groups WHERE name = ? AND id <> ?").params(g.name(), g.id()).query(Integer.class).optional()
                .isPresent()) {
            throw VaultException.badRequest("group name is already in use");
        }
        missing("identity_entities", g.memberEntityIds()).ifPresent(e -> {
            throw VaultException.badRequest("invalid member entity id \"" + e + "\"");
        });
        if (g.memberGroupIds().contains(g.id())) {
            throw VaultException.badRequest("member group ID \"" + g.id() + "\" is same as the ID of the group");
        }
        missing("identity_groups", g.memberGroupIds()).ifPresent(m -> {
            throw VaultException.badRequest("invalid member group id \"" + m + "\"");
        });
        if (!isNew && !g.memberGroupIds().isEmpty() && createsCycle(g.id(), g.memberGroupIds())) {
            throw VaultException.badRequest("member group IDs would make a cycle of group memberships");
        }
        EntityStore.unique("group name is already in use", () -> jdbc.sql("""
                INSERT INTO identity_groups (id, name, type, policies, metadata) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, policies = EXCLUDED.policies, metadata = EXCLUDED.metadata,
                    last_update_time = now(), modify_index = identity_groups.modify_index + 1
                """).params(g.id(), g.name(), g.type(), g.policies().toArray(String[]::new), metadata.seal(GROUPS, g.id(), g.metadata()))
                .update());
        jdbc.sql("DELETE FROM identity_group_entities WHERE group_id = ?").param(g.id()).update();
        jdbc.sql("INSERT INTO identity_group_entities (group_id, entity_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")
                .params(g.id(), g.memberEntityIds().toArray(String[]::new)).update();
        jdbc.sql("DELETE FROM identity_group_groups WHERE group_id = ?").param(g.id()).update();
        jdbc.sql("INSERT INTO identity_group_groups (group_id, member_group_id) SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING")
                .params(g.id(), g.memberGroupIds().toArray(String[]::new)).update();
        invalidations.publish("group", g.id());
    }

    /** The first of these ids that is not in the table, in one query. */
    private Optional<String> missing(String table, List<String> ids) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT x FROM unnest(?::text[]) AS x WHERE NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.id = x) ORDER BY x LIMIT 1")
                .param(ids.toArray(String[]::new)).query(String.class).optional();
    }

    /** Whether one of these would-be members already has the group among its members, at any depth. */
    private boolean createsCycle(String groupId, List<String> members) {
        return jdbc.sql("""
                WITH RECURSIVE d(id) AS (
                    SELECT member_group_id FROM identity_group_groups WHERE group_id = ANY(?::text[])
                    UNION
                    SELECT gg.member_group_id FROM identity_group_groups gg JOIN d ON gg.group_id = d.id
                )
                SELECT 1 FROM d WHERE id = ? LIMIT 1
                """).params(members.toArray(String[]::new), groupId).query(Integer.class).optional().isPresent();
    }

    boolean delete(String id) {
        if (jdbc.sql("DELETE FROM identity_groups WHERE id = ?").param(id).update() == 0) {
            return false;
        }
        invalidations.publish("group", id);
        return true;
    }

    /**
     * A login's external groups: the entity joins the groups whose alias on this mount the login
     * names, and leaves the ones aliased on this mount that it no longer names.
     */
    void syncExternalMemberships(String mountAccessor, String entityId, List<String> aliasNames) {
        List<String> wanted = aliasNames.isEmpty() ? List.of()
                : jdbc.sql("SELECT group_id FROM identity_group_aliases WHERE mount_accessor = ? AND name = ANY(?::text[])")
                        .params(mountAccessor, aliasNames.toArray(String[]::new)).query(String.class).list();
        List<String> left = jdbc.sql("""
                DELETE FROM identity_group_entities e USING identity_group_aliases a
                WHERE e.entity_id = ? AND a.group_id = e.group_id AND a.mount_accessor = ? AND NOT (e.group_id = ANY(?::text[]))
                RETURNING e.group_id
                """).params(entityId, mountAccessor, wanted.toArray(String[]::new)).query(String.class).list();
        List<String> joined = wanted.isEmpty() ? List.of() : jdbc.sql("""
                INSERT INTO identity_group_entities (group_id, entity_id) SELECT unnest(?::text[]), ? ON CONFLICT DO NOTHING RETURNING group_id
                """).params(wanted.toArray(String[]::new), entityId).query(String.class).list();
        left.forEach(g -> invalidations.publish("group", g));
        joined.forEach(g -> invalidations.publish("group", g));
    }

    /** A merge: the merged entity's memberships become the surviving entity's. */
    void moveMemberships(String fromEntityId, String toEntityId) {
        List<String> groups = groupsWithMember(fromEntityId);
        jdbc.sql("""
                INSERT INTO identity_group_entities (group_id, entity_id)
                SELECT group_id, ? FROM identity_group_entities WHERE entity_id = ? ON CONFLICT DO NOTHING
                """).params(toEntityId, fromEntityId).update();
        jdbc.sql("DELETE FROM identity_group_entities WHERE entity_id = ?").param(fromEntityId).update();
        groups.forEach(g -> invalidations.publish("group", g));
    }

    private Group group(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new Group(id, rs.getString("name"), rs.getString("type"), EntityStore.strings(rs.getArray("policies")),
                metadata.open(GROUPS, id, rs.getBytes("metadata")),
                jdbc.sql("SELECT entity_id FROM identity_group_entities WHERE group_id = ? ORDER BY entity_id").param(id)
                        .query(String.class).list(),
                jdbc.sql("SELECT member_group_id FROM identity_group_groups WHERE group_id = ? ORDER BY member_group_id").param(id)
                        .query(String.class).list(),
                rs.getTimestamp("creation_time").toInstant(), rs.getTimestamp("last_update_time").toInstant(), rs.getLong("modify_index"));
    }
}
