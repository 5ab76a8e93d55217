package dev.arca.identity.kubernetes;

import dev.arca.core.barrier.Barrier;
import dev.arca.identity.login.MountTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The configuration and roles of kubernetes mounts; the token reviewer JWT behind the barrier, bound to its mount. */
@Repository
class KubernetesStore {

    /** A mount's configuration with its reviewer JWT (empty when none is set). */
    record Stored(KubernetesConfig config, String tokenReviewerJwt) {
    }

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;
    private final MountTable roles;

    KubernetesStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
        this.roles = new MountTable(jdbc, "kubernetes_roles", "name", json);
    }

    Optional<Stored> config(String mount) {
        return jdbc.sql("SELECT settings::text, token_reviewer_jwt FROM kubernetes_config WHERE mount_accessor = ?").param(mount)
                .query((rs, n) -> {
                    byte[] sealed = rs.getBytes(2);
                    return new Stored(json.readValue(rs.getString(1), KubernetesConfig.class),
                            sealed == null ? "" : new String(barrier.decrypt(sealed, aad(mount)), StandardCharsets.UTF_8));
                }).optional();
    }

    void saveConfig(String mount, Stored s) {
        byte[] sealed = s.tokenReviewerJwt().isEmpty() ? null
                : barrier.encrypt(s.tokenReviewerJwt().getBytes(StandardCharsets.UTF_8), aad(mount));
        jdbc.sql("""
                INSERT INTO kubernetes_config (mount_accessor, settings, token_reviewer_jwt) VALUES (?, ?::jsonb, ?)
                ON CONFLICT (mount_accessor) DO UPDATE SET settings = EXCLUDED.settings, token_reviewer_jwt = EXCLUDED.token_reviewer_jwt
                """).params(mount, json.writeValueAsString(s.config()), sealed).update();
    }

    Optional<KubernetesRole> role(String mount, String name) {
        return roles.settings(mount, name, KubernetesRole.class);
    }

    void saveRole(String mount, String name, KubernetesRole role) {
        roles.saveSettings(mount, name, role);
    }

    void deleteRole(String mount, String name) {
        roles.delete(mount, name);
    }

    List<String> roleNames(String mount) {
        return roles.names(mount);
    }

    void deleteMount(String mount) {
        roles.deleteMount(mount);
        jdbc.sql("DELETE FROM kubernetes_config WHERE mount_accessor = ?").param(mount).update();
    }

    private static String aad(String mount) {
        return Barrier.aad("identity", "kubernetes_config", mount);
    }
}
