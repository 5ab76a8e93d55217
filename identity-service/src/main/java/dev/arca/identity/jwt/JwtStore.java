package dev.arca.identity.jwt;

import dev.arca.core.barrier.Barrier;
import dev.arca.identity.login.MountTable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * jwt mounts' configurations (sealed by the barrier, bound to the mount: they hold the OIDC client
 * secret), roles, and pending browser logins (by a digest of the state; nonce and PKCE verifier sealed,
 * bound to the mount and the state).
 */
@Repository
class JwtStore {

    /** A pending browser login, kept between {@code oidc/auth_url} and {@code oidc/callback}. */
    record PendingLogin(String role, String redirectUri, String nonce, String codeVerifier, String clientNonce) {
    }

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;
    private final MountTable roles;

    JwtStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
        this.roles = new MountTable(jdbc, "jwt_roles", "name", json);
    }

    Optional<JwtConfig> config(String mount) {
        return jdbc.sql("SELECT sealed FROM jwt_configs WHERE mount_accessor = ?").param(mount)
                .query((rs, n) -> json.readValue(barrier.decrypt(rs.getBytes(1), aad("jwt_configs", mount)), JwtConfig.class)).optional();
    }

    void saveConfig(String mount, JwtConfig c) {
        jdbc.sql("INSERT INTO jwt_configs (mount_accessor, sealed) VALUES (?, ?) ON CONFLICT (mount_accessor) DO UPDATE SET sealed = EXCLUDED.sealed")
                .params(mount, barrier.encrypt(json.writeValueAsBytes(c), aad("jwt_configs", mount))).update();
    }

    Optional<JwtRole> role(String mount, String name) {
        return roles.settings(mount, name, JwtRole.class);
    }

    void saveRole(String mount, String name, JwtRole role) {
        roles.saveSettings(mount, name, role);
    }

    void deleteRole(String mount, String name) {
        roles.delete(mount, name);
    }

    List<String> roleNames(String mount) {
        return roles.names(mount);
    }

    /**
     * Keeps a pending login unless the mount already has {@code max} unexpired ones (expired ones are
     * dropped first); false when it is full. Runs in the caller's transaction (its lock is the transaction's).
     */
    boolean addPending(String mount, String state, PendingLogin p, long expireMs, long nowMs, int max) {
        jdbc.sql("DELETE FROM jwt_oidc_states WHERE mount_accessor = ? AND expire_ms <= ?").params(mount, nowMs).update();
        // Serialised per mount, so that concurrent auth_url calls cannot pass the bound together.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 11))").param("jwt-oidc-states/" + mount).query((rs, n) -> 1).list();
        Integer pending = jdbc.sql("SELECT count(*) FROM jwt_oidc_states WHERE mount_accessor = ?").param(mount).query(Integer.class).single();
        if (pending >= max) {
            return false;
        }
        byte[] hash = sha256(state);
        jdbc.sql("INSERT INTO jwt_oidc_states (mount_accessor, state_hash, sealed, expire_ms) VALUES (?, ?, ?, ?)")
                .params(mount, hash, barrier.encrypt(json.writeValueAsBytes(p), aad("jwt_oidc_states", mount + "/" + hex(hash))), expireMs)
                .update();
        return true;
    }

    /** Takes a pending login: it is gone afterwards, whether it had expired or not; empty when unknown or expired. */
    Optional<PendingLogin> takePending(String mount, String state, long nowMs) {
        byte[] hash = sha256(state);
        return jdbc.sql("DELETE FROM jwt_oidc_states WHERE mount_accessor = ? AND state_hash = ? RETURNING sealed, expire_ms")
                .params(mount, hash).query((rs, n) -> new Object[] {rs.getBytes(1), rs.getLong(2)}).optional()
                .filter(row -> (long) row[1] > nowMs)
                .map(row -> json.readValue(barrier.decrypt((byte[]) row[0], aad("jwt_oidc_states", mount + "/" + hex(hash))), PendingLogin.class));
    }

    void deleteMount(String mount) {
        jdbc.sql("DELETE FROM jwt_configs WHERE mount_accessor = ?").param(mount).update();
        roles.deleteMount(mount);
        jdbc.sql("DELETE FROM jwt_oidc_states WHERE mount_accessor = ?").param(mount).update();
    }

    /** SHA-256 of a text's UTF-8 bytes. */
    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static String aad(String table, String row) {
        return Barrier.aad("identity", table, row);
    }
}
