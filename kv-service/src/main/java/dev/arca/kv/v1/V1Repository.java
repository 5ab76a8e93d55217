package dev.arca.kv.v1;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code v1_secret} table: one barrier-sealed value per path. */
@Repository
public class V1Repository {

    private final JdbcClient jdbc;

    public V1Repository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<byte[]> find(String mount, String path) {
        return jdbc.sql("SELECT data FROM v1_secret WHERE mount_accessor = ? AND path = ?")
                .params(mount, path).query(byte[].class).optional();
    }

    void put(String mount, String path, byte[] sealed) {
        jdbc.sql("""
                INSERT INTO v1_secret (mount_accessor, path, data) VALUES (?, ?, ?)
                ON CONFLICT (mount_accessor, path) DO UPDATE SET data = EXCLUDED.data
                """).params(mount, path, sealed).update();
    }

    void delete(String mount, String path) {
        jdbc.sql("DELETE FROM v1_secret WHERE mount_accessor = ? AND path = ?").params(mount, path).update();
    }

    List<String> listKeys(String mount, String prefix) {
        String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                SELECT DISTINCT CASE WHEN strpos(rest, '/') > 0 THEN substr(rest, 1, strpos(rest, '/')) ELSE rest END AS k
                FROM (SELECT substr(path, ?) AS rest FROM v1_secret WHERE mount_accessor = ? AND path LIKE ?) t
                WHERE rest <> ''
                ORDER BY k
                """).params(prefix.length() + 1, mount, like).query(String.class).list();
    }

    public void deleteMount(String mount) {
        jdbc.sql("DELETE FROM v1_secret WHERE mount_accessor = ?").param(mount).update();
    }
}
