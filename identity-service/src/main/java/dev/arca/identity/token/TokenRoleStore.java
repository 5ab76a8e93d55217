package dev.arca.identity.token;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code token_roles}: the role as JSON (it holds no secret). */
@Repository
public class TokenRoleStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public TokenRoleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TokenRole> find(String name) {
        return jdbc.sql("SELECT settings::text FROM token_roles WHERE name = ?").param(name).query(String.class).optional()
                .map(json -> JSON.readValue(json, TokenRole.class));
    }

    public void put(TokenRole role) {
        jdbc.sql("INSERT INTO token_roles (name, settings) VALUES (?, ?::jsonb) ON CONFLICT (name) DO UPDATE SET settings = EXCLUDED.settings")
                .params(role.name(), JSON.writeValueAsString(role)).update();
    }

    public void delete(String name) {
        jdbc.sql("DELETE FROM token_roles WHERE name = ?").param(name).update();
    }

    public List<String> names() {
        return jdbc.sql("SELECT name FROM token_roles ORDER BY name").query(String.class).list();
    }
}
