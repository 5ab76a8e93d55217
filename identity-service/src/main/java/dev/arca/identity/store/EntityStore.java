package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.events.Invalidations;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Entities and their aliases. Plain JDBC, callers own the transaction; every change publishes
 * {@code entity:<id>} so that the gateway re-reads the entity's identity view.
 */
@Repository
class EntityStore {

    static final String ENTITIES = "identity_entities";
    static final String ALIASES = "identity_aliases";

    /** An entity as stored. */
    record Entity(String id, String name, List<String> policies, Map<String, String> metadata, boolean disabled,
            Instant created, Instant updated) {
        Entity {
            policies = List.copyOf(policies);
            metadata = Map.copyOf(metadata);
        }
    }

    /** An alias: the entity's name in one auth mount. */
    record Alias(String id, String entityId, String mountAccessor, String mountPath, String mountType, String name,
            Map<String, String> metadata, Instant created, Instant updated) {
        Alias {
            metadata = Map.copyOf(metadata);
        }
    }

    private final JdbcClient jdbc;
    private final Metadata metadata;
    private final Invalidations invalidations;

    EntityStore(JdbcClient jdbc, Metadata metadata, Invalidations invalidations) {
        this.jdbc = jdbc;
        this.metadata = metadata;
        this.invalidations = invalidations;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Vault's generated names: {@code entity_} and eight characters of the id. */
    static String generatedName(String prefix, String id) {
        return prefix + id.replace("-", "").substring(0, 8);
    }

    Optional<Entity> byId(String id) {
        return jdbc.sql("SELECT * FROM identity_entities WHERE id = ?").param(id).query(this::entityRow).optional();
    }

    Optional<Entity> byName(String name) {
        return jdbc.sql("SELECT * FROM identity_entities WHERE name = ?").param(name).query(this::entityRow).optional();
    }

    /** The entity an id stands for now: itself, or the entity it was merged into. */
    Optional<Entity> resolve(String id) {
        Optional<Entity> e = byId(id);
        if (e.isPresent()) {
            return e;
        }
        return jdbc.sql("SELECT to_id FROM identity_entity_merges WHERE from_id = ?").param(id).query(String.class).optional()
                .flatMap(this::byId);
    }

    /** The row locked, for a change that reads it first. */
    Optional<Entity> lock(String id) {
        return jdbc.sql("SELECT * FROM identity_entities WHERE id = ? FOR UPDATE").param(id).query(this::entityRow).optional();
    }

    List<String> ids() {
        return jdbc.sql("SELECT id FROM identity_entities ORDER BY id").query(String.class).list();
    }

    List<String> names() {
        return jdbc.sql("SELECT name FROM identity_entities ORDER BY name").query(String.class).list();
    }

    List<String> mergedIds(String id) {
        return jdbc.sql("SELECT from_id FROM identity_entity_merges WHERE to_id = ? ORDER BY from_id").param(id).query(String.class).list();
    }

    void insert(Entity e) {
        requireFreeName(e.name(), e.id());
        unique("entity name is already in use", () -> jdbc.sql("""
                INSERT INTO identity_entities (id, name, policies, metadata, disabled, creation_time, last_update_time)
                VALUES (?, ?, ?, ?, ?, now(), now())
                """).params(e.id(), e.name(), e.policies().toArray(String[]::new), metadata.seal(ENTITIES, e.id(), e.metadata()),
                e.disabled()).update());
        invalidations.publish("entity", e.id());
    }

    /** A write that a concurrent one beat to a unique name: the same 400 as the check before it gives. */
    static void unique(String message, Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException raced) {
            throw VaultException.badRequest(message);
        }
    }

    void update(Entity e) {
        requireFreeName(e.name(), e.id());
        unique("entity name is already in use", () -> jdbc.sql("""
                UPDATE identity_entities SET name = ?, policies = ?, metadata = ?, disabled = ?, last_update_time = now()
                WHERE id = ?
                """).params(e.name(), e.policies().toArray(String[]::new), metadata.seal(ENTITIES, e.id(), e.metadata()),
                e.disabled(), e.id()).update());
        invalidations.publish("entity", e.id());
    }

    /** Deletes the entity; its aliases and group memberships go with it (foreign keys). */
    boolean delete(String id) {
        if (jdbc.sql("DELETE FROM identity_entities WHERE id = ?").param(id).update() == 0) {
            return false;
        }
        invalidations.publish("entity", id);
        return true;
    }

    void recordMerge(String fromId, String toId) {
        jdbc.sql("UPDATE identity_entity_merges SET to_id = ? WHERE to_id = ?").params(toId, fromId).update();
        jdbc.sql("INSERT INTO identity_entity_merges (from_id, to_id) VALUES (?, ?) ON CONFLICT (from_id) DO UPDATE SET to_id = EXCLUDED.to_id")
                .params(fromId, toId).update();
        invalidations.publish("entity", fromId);
    }

    private void requireFreeName(String name, String id) {
        if (jdbc.sql("SELECT 1 FROM identity_entities WHERE name = ? AND id <> ?").params(name, id).query(Integer.class).optional()
                .isPresent()) {
            throw VaultException.badRequest("entity name is already in use");
        }
    }

    // aliases

    Optional<Alias> alias(String id) {
        return jdbc.sql("SELECT * FROM identity_aliases WHERE id = ?").param(id).query(this::aliasRow).optional();
    }

    Optional<Alias> alias(String mountAccessor, String name) {
        return jdbc.sql("SELECT * FROM identity_aliases WHERE mount_accessor = ? AND name = ?").params(mountAccessor, name)
                .query(this::aliasRow).optional();
    }

    List<Alias> aliasesOf(String entityId) {
        return jdbc.sql("SELECT * FROM identity_aliases WHERE entity_id = ? ORDER BY creation_time, id").param(entityId)
                .query(this::aliasRow).list();
    }

    List<String> aliasIds() {
        return jdbc.sql("SELECT id FROM identity_aliases ORDER BY id").query(String.class).list();
    }

    /** Inserts or replaces an alias; refuses a second alias of one entity on one mount. */
    void saveAlias(Alias a) {
        boolean clash = jdbc.sql("SELECT 1 FROM identity_aliases WHERE entity_id = ? AND mount_accessor = ? AND id <> ?")
                .params(a.entityId(), a.mountAccessor(), a.id()).query(Integer.class).optional().isPresent();
        if (clash) {
            throw VaultException.badRequest("Alias already exists for requested entity and mount accessor");
        }
        Optional<Alias> sameName = alias(a.mountAccessor(), a.name()).filter(o -> !o.id().equals(a.id()));
        if (sameName.isPresent()) {
            throw VaultException.badRequest("alias with combination of mount accessor and name already exists for entity \""
                    + sameName.get().entityId() + "\"");
        }
        Optional<Alias> before = alias(a.id());
        unique("alias with combination of mount accessor and name already exists", () -> jdbc.sql("""
                INSERT INTO identity_aliases (id, entity_id, mount_accessor, mount_path, mount_type, name, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET entity_id = EXCLUDED.entity_id, mount_accessor = EXCLUDED.mount_accessor,
                    mount_path = EXCLUDED.mount_path, mount_type = EXCLUDED.mount_type, name = EXCLUDED.name,
                    metadata = EXCLUDED.metadata, last_update_time = now()
                """).params(a.id(), a.entityId(), a.mountAccessor(), a.mountPath(), a.mountType(), a.name(),
                metadata.seal(ALIASES, a.id(), a.metadata())).update());
        invalidations.publish("entity", a.entityId());
        before.filter(b -> !b.entityId().equals(a.entityId())).ifPresent(b -> invalidations.publish("entity", b.entityId()));
    }

    boolean deleteAlias(String id) {
        Optional<Alias> a = alias(id);
        if (a.isEmpty()) {
            return false;
        }
        jdbc.sql("DELETE FROM identity_aliases WHERE id = ?").param(id).update();
        invalidations.publish("entity", a.get().entityId());
        return true;
    }

    /** Moves an alias to another entity (a merge). */
    void moveAlias(String aliasId, String toEntityId) {
        jdbc.sql("UPDATE identity_aliases SET entity_id = ?, last_update_time = now() WHERE id = ?").params(toEntityId, aliasId).update();
    }

    /** Serialises the first login of one alias across replicas. */
    void lockAlias(String mountAccessor, String name) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 7))").param("identity-alias/" + mountAccessor + "/" + name)
                .query((rs, n) -> 1).list();
    }

    private Entity entityRow(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new Entity(id, rs.getString("name"), strings(rs.getArray("policies")), metadata.open(ENTITIES, id, rs.getBytes("metadata")),
                rs.getBoolean("disabled"), rs.getTimestamp("creation_time").toInstant(), rs.getTimestamp("last_update_time").toInstant());
    }

    private Alias aliasRow(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new Alias(id, rs.getString("entity_id"), rs.getString("mount_accessor"), rs.getString("mount_path"),
                rs.getString("mount_type"), rs.getString("name"), metadata.open(ALIASES, id, rs.getBytes("metadata")),
                rs.getTimestamp("creation_time").toInstant(), rs.getTimestamp("last_update_time").toInstant());
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
