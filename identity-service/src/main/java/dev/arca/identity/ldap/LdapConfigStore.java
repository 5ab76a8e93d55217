package dev.arca.identity.ldap;

import dev.arca.core.barrier.Barrier;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code config} of ldap mounts; the bind password and the client key behind the barrier, bound to their mount. */
@Repository
class LdapConfigStore {

    /** What a mount's configuration holds that is never read back: sealed at rest. */
    record Secrets(String bindpass, String clientTlsKey) {
        static final Secrets NONE = new Secrets("", "");
    }

    /** A mount's configuration with its secrets. */
    record Stored(LdapConfig config, Secrets secrets) {
    }

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    LdapConfigStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    Optional<Stored> find(String mount) {
        return jdbc.sql("SELECT settings::text, secrets FROM ldap_config WHERE mount_accessor = ?").param(mount)
                .query((rs, n) -> new Stored(json.readValue(rs.getString(1), LdapConfig.class),
                        json.readValue(new String(barrier.decrypt(rs.getBytes(2), aad(mount)), StandardCharsets.UTF_8), Secrets.class)))
                .optional();
    }

    void save(String mount, Stored s) {
        jdbc.sql("""
                INSERT INTO ldap_config (mount_accessor, settings, secrets) VALUES (?, ?::jsonb, ?)
                ON CONFLICT (mount_accessor) DO UPDATE SET settings = EXCLUDED.settings, secrets = EXCLUDED.secrets
                """).params(mount, json.writeValueAsString(s.config()),
                barrier.encrypt(json.writeValueAsString(s.secrets()).getBytes(StandardCharsets.UTF_8), aad(mount))).update();
    }

    void deleteMount(String mount) {
        jdbc.sql("DELETE FROM ldap_config WHERE mount_accessor = ?").param(mount).update();
    }

    private static String aad(String mount) {
        return Barrier.aad("identity", "ldap_config", mount);
    }
}
