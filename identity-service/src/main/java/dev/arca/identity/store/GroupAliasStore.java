package dev.arca.identity.store;

import dev.arca.core.events.Invalidations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Group aliases: an external group's name in one auth mount (at most one per group, one per mount
 * and name). Plain JDBC, callers own the transaction; a change publishes {@code group:<id>}.
 */
@Repository
class GroupAliasStore {

    /** A group alias as stored. */
    record GroupAlias(String id, String groupId, String mountAccessor, String name, Instant created, Instant updated) {
    }

    private final JdbcClient jdbc;
    private final Invalidations invalidations;

    GroupAliasStore(JdbcClient jdbc, Invalidations invalidations) {
        this.jdbc = jdbc;
        this.invalidations = invalidations;
    }

    Optional<GroupAlias> byId(String id) {
        return jdbc.sql("SELECT * FROM identity_group_aliases WHERE id = ?").param(id).query(this::row).optional();
    }

    Optional<GroupAlias> byName(String mountAccessor, String name) {
        return jdbc.sql("SELECT * FROM identity_group_aliases WHERE mount_accessor = ? AND name = ?").params(mountAccessor, name)
                .query(this::row).optional();
    }

    Optional<GroupAlias> ofGroup(String groupId) {
        return jdbc.sql("SELECT * FROM identity_group_aliases WHERE group_id = ?").param(groupId).query(this::row).optional();
    }

    List<String> ids() {
        return jdbc.sql("SELECT id FROM identity_group_aliases ORDER BY id").query(String.class).list();
    }

    /** Inserts or replaces an alias; the group's other alias, if any, goes (a group has one). */
    void save(GroupAlias a) {
        jdbc.sql("DELETE FROM identity_group_aliases WHERE group_id = ? AND id <> ?").params(a.groupId(), a.id()).update();
        EntityStore.unique("combination of mount and group alias name is already in use", () -> jdbc.sql("""
                INSERT INTO identity_group_aliases (id, group_id, mount_accessor, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET group_id = EXCLUDED.group_id, mount_accessor = EXCLUDED.mount_accessor,
                    name = EXCLUDED.name, last_update_time = now()
                """).params(a.id(), a.groupId(), a.mountAccessor(), a.name()).update());
        invalidations.publish("group", a.groupId());
    }

    void delete(GroupAlias a) {
        jdbc.sql("DELETE FROM identity_group_aliases WHERE id = ?").param(a.id()).update();
        invalidations.publish("group", a.groupId());
    }

    private GroupAlias row(ResultSet rs, int n) throws SQLException {
        return new GroupAlias(rs.getString("id"), rs.getString("group_id"), rs.getString("mount_accessor"), rs.getString("name"),
                rs.getTimestamp("creation_time").toInstant(), rs.getTimestamp("last_update_time").toInstant());
    }
}
