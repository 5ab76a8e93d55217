package dev.arca.identity.ldap;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code users/<name>} and {@code groups/<name>} of ldap mounts: the policies they map to. */
@Repository
class LdapMappingStore {

    /** Which of the two a name is. */
    enum Kind {
        USERS, GROUPS;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A mapping.
     *
     * @param groups for a user, the groups it belongs to beyond the directory's (empty for a group)
     */
    record Mapping(List<String> policies, List<String> groups) {
        Mapping {
            policies = List.copyOf(policies);
            groups = List.copyOf(groups);
        }
    }

    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    LdapMappingStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Mapping> find(String mount, Kind kind, String name) {
        return jdbc.sql("SELECT policies::text, groups::text FROM ldap_mappings WHERE mount_accessor = ? AND kind = ? AND name = ?")
                .params(mount, kind.column(), name)
                .query((rs, n) -> new Mapping(json.readValue(rs.getString(1), LIST), json.readValue(rs.getString(2), LIST))).optional();
    }

    /** The mappings of these names that exist, in one query. */
    List<Mapping> findAll(String mount, Kind kind, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT policies::text, groups::text FROM ldap_mappings WHERE mount_accessor = ? AND kind = ? AND name = ANY(?)")
                .params(mount, kind.column(), names.toArray(String[]::new))
                .query((rs, n) -> new Mapping(json.readValue(rs.getString(1), LIST), json.readValue(rs.getString(2), LIST))).list();
    }

    void save(String mount, Kind kind, String name, Mapping m) {
        jdbc.sql("""
                INSERT INTO ldap_mappings (mount_accessor, kind, name, policies, groups) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)
                ON CONFLICT (mount_accessor, kind, name) DO UPDATE SET policies = EXCLUDED.policies, groups = EXCLUDED.groups
                """).params(mount, kind.column(), name, json.writeValueAsString(m.policies()), json.writeValueAsString(m.groups())).update();
    }

    void delete(String mount, Kind kind, String name) {
        jdbc.sql("DELETE FROM ldap_mappings WHERE mount_accessor = ? AND kind = ? AND name = ?").params(mount, kind.column(), name).update();
    }

    List<String> names(String mount, Kind kind) {
        return jdbc.sql("SELECT name FROM ldap_mappings WHERE mount_accessor = ? AND kind = ? ORDER BY name").params(mount, kind.column())
                .query(String.class).list();
    }

    void deleteMount(String mount) {
        jdbc.sql("DELETE FROM ldap_mappings WHERE mount_accessor = ?").param(mount).update();
    }
}
