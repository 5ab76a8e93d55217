package dev.arca.identity.approle;

import dev.arca.core.barrier.Barrier;
import dev.arca.identity.login.MountTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** AppRole roles and secret ids; a secret id is found by its keyed hash, never stored itself. */
@Repository
class RoleStore {

    /** A stored role with its name and role id. */
    record Stored(String name, String roleId, Role role) {
    }

    /**
     * A secret id's record (without the id).
     *
     * @param cidrList        client addresses a login with it may come from; empty for anywhere
     * @param tokenBoundCidrs bound CIDRs of the tokens a login with it issues; empty for the role's
     */
    record SecretId(String roleName, String accessor, Map<String, String> metadata, int numUses, long ttl, long createdMs,
            long expireMs, List<String> cidrList, List<String> tokenBoundCidrs) {
    }

    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };
    private static final String SECRET_ID_COLUMNS = "role_name, accessor, metadata, num_uses, ttl, created_ms, expire_ms, cidr_list, token_bound_cidrs";

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;
    private final MountTable roles;

    RoleStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
        this.roles = new MountTable(jdbc, "approle_roles", "name");
    }

    Optional<Stored> role(String mount, String name) {
        return jdbc.sql("SELECT name, role_id, settings::text FROM approle_roles WHERE mount_accessor = ? AND name = ?")
                .params(mount, name).query((rs, n) -> stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    Optional<Stored> byRoleId(String mount, String roleId) {
        return jdbc.sql("SELECT name, role_id, settings::text FROM approle_roles WHERE mount_accessor = ? AND role_id = ?")
                .params(mount, roleId).query((rs, n) -> stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    private Stored stored(String name, String roleId, String settings) {
        return new Stored(name, roleId, json.readValue(settings, Role.class));
    }

    /** Creates or replaces a role; false when the role id belongs to another role of the mount. */
    boolean save(String mount, Stored s) {
        Integer taken = jdbc.sql("SELECT count(*) FROM approle_roles WHERE mount_accessor = ? AND role_id = ? AND name <> ?")
                .params(mount, s.roleId(), s.name()).query(Integer.class).single();
        if (taken > 0) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO approle_roles (mount_accessor, name, role_id, settings) VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (mount_accessor, name) DO UPDATE SET role_id = EXCLUDED.role_id, settings = EXCLUDED.settings
                """).params(mount, s.name(), s.roleId(), json.writeValueAsString(s.role())).update();
        return true;
    }

    void delete(String mount, String name) {
        roles.delete(mount, name);
    }

    List<String> names(String mount) {
        return roles.names(mount);
    }

    void deleteMount(String mount) {
        roles.deleteMount(mount);
    }

    void addSecretId(String mount, byte[] hash, SecretId s) {
        jdbc.sql("""
                INSERT INTO approle_secret_ids (mount_accessor, role_name, id_hash, accessor, metadata, num_uses, ttl, created_ms, expire_ms,
                    cidr_list, token_bound_cidrs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(mount, s.roleName(), hash, s.accessor(), sealMetadata(mount, s.accessor(), s.metadata()), s.numUses(),
                s.ttl(), s.createdMs(), s.expireMs(), json.writeValueAsString(s.cidrList()), json.writeValueAsString(s.tokenBoundCidrs())).update();
    }

    /** The secret id of a role by its hash, locked for a login when {@code forUpdate}. */
    Optional<SecretId> secretId(String mount, String role, byte[] hash, boolean forUpdate) {
        return jdbc.sql("SELECT " + SECRET_ID_COLUMNS + " FROM approle_secret_ids "
                        + "WHERE mount_accessor = ? AND role_name = ? AND id_hash = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .params(mount, role, hash).query((rs, n) -> secretId(mount, rs)).optional();
    }

    Optional<SecretId> byAccessor(String mount, String role, String accessor) {
        return jdbc.sql("SELECT " + SECRET_ID_COLUMNS + " FROM approle_secret_ids "
                        + "WHERE mount_accessor = ? AND role_name = ? AND accessor = ?")
                .params(mount, role, accessor).query((rs, n) -> secretId(mount, rs)).optional();
    }

    private SecretId secretId(String mount, java.sql.ResultSet rs) throws java.sql.SQLException {
        String accessor = rs.getString(2);
        byte[] sealed = rs.getBytes(3);
        Map<String, String> meta = sealed == null ? Map.of()
                : json.readValue(new String(barrier.decrypt(sealed, aad(mount, accessor)), StandardCharsets.UTF_8), STRINGS);
        return new SecretId(rs.getString(1), accessor, meta, rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                json.readValue(rs.getString(8), LIST), json.readValue(rs.getString(9), LIST));
    }

    List<String> accessors(String mount, String role) {
        return jdbc.sql("SELECT accessor FROM approle_secret_ids WHERE mount_accessor = ? AND role_name = ? ORDER BY accessor")
                .params(mount, role).query(String.class).list();
    }

    /** Spends one use of a secret id: the last use deletes it. */
    void use(String mount, String accessor, int numUses) {
        if (numUses == 1) {
            deleteSecretId(mount, accessor);
        } else if (numUses > 1) {
            jdbc.sql("UPDATE approle_secret_ids SET num_uses = num_uses - 1 WHERE mount_accessor = ? AND accessor = ?")
                    .params(mount, accessor).update();
        }
    }

    boolean deleteSecretId(String mount, String accessor) {
        return jdbc.sql("DELETE FROM approle_secret_ids WHERE mount_accessor = ? AND accessor = ?").params(mount, accessor).update() > 0;
    }

    int tidy(String mount, long nowMs) {
        return jdbc.sql("DELETE FROM approle_secret_ids WHERE mount_accessor = ? AND expire_ms > 0 AND expire_ms <= ?")
                .params(mount, nowMs).update();
    }

    private byte @Nullable [] sealMetadata(String mount, String accessor, Map<String, String> metadata) {
        return metadata.isEmpty() ? null
                : barrier.encrypt(json.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8), aad(mount, accessor));
    }

    private static String aad(String mount, String accessor) {
        return Barrier.aad("identity", "approle_secret_ids", mount + "/" + accessor);
    }
}
