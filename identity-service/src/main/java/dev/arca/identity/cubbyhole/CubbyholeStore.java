package dev.arca.identity.cubbyhole;

import dev.arca.core.barrier.Barrier;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of {@code cubbyhole}: a token's entries, each encrypted by the barrier and bound to its owner
 * and key. Callers own the transaction. The engine and response wrapping (which keeps a wrapped
 * response in the wrapping token's cubbyhole) share it.
 */
@Repository
public class CubbyholeStore {

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    public CubbyholeStore(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    public void put(String owner, String key, JsonNode value) {
        jdbc.sql("""
                INSERT INTO cubbyhole (token_accessor, path, ciphertext) VALUES (?, ?, ?)
                ON CONFLICT (token_accessor, path) DO UPDATE SET ciphertext = EXCLUDED.ciphertext
                """).params(owner, key, barrier.encrypt(json.writeValueAsBytes(value), aad(owner, key))).update();
    }

    public Optional<JsonNode> get(String owner, String key) {
        return jdbc.sql("SELECT ciphertext FROM cubbyhole WHERE token_accessor = ? AND path = ?").params(owner, key)
                .query(byte[].class).optional().map(sealed -> json.readTree(barrier.decrypt(sealed, aad(owner, key))));
    }

    public boolean exists(String owner, String key) {
        return jdbc.sql("SELECT 1 FROM cubbyhole WHERE token_accessor = ? AND path = ?").params(owner, key)
                .query(Integer.class).optional().isPresent();
    }

    public void delete(String owner, String key) {
        jdbc.sql("DELETE FROM cubbyhole WHERE token_accessor = ? AND path = ?").params(owner, key).update();
    }

    /** The owner's keys that start with {@code prefix}, sorted. */
    public List<String> keys(String owner, String prefix) {
        return jdbc.sql("SELECT path FROM cubbyhole WHERE token_accessor = ? AND starts_with(path, ?) ORDER BY path")
                .params(owner, prefix).query(String.class).list();
    }

    private static String aad(String owner, String key) {
        return Barrier.aad("identity", "cubbyhole", owner + "/" + key);
    }
}
