package dev.arca.transit.store;

import dev.arca.core.barrier.Barrier;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.PolicyCodec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code transit_key} table: one row per key, its policy sealed by the barrier with additional data
 * naming the row ({@code transit/transit_key/<mount>/<name>}), so a policy copied to another key or
 * mount fails to open.
 */
@Repository
public class KeyRepository {

    private static final String SCHEMA = "transit";

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;
    private final PolicyCodec codec;

    public KeyRepository(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
        this.codec = new PolicyCodec(json);
    }

    public PolicyCodec codec() {
        return codec;
    }

    public Optional<KeyPolicy> find(String mount, String name, boolean forUpdate) {
        return jdbc.sql("SELECT policy FROM transit_key WHERE mount_accessor = ? AND name = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .params(mount, name)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(sealed -> codec.read(json.readTree(barrier.decrypt(sealed, aad(mount, name)))));
    }

    public boolean exists(String mount, String name) {
        return jdbc.sql("SELECT 1 FROM transit_key WHERE mount_accessor = ? AND name = ?").params(mount, name).query().optionalValue()
                .isPresent();
    }

    /** Inserts the key unless it exists; false when another writer got there first. */
    public boolean insert(String mount, KeyPolicy p) {
        return jdbc.sql("INSERT INTO transit_key (mount_accessor, name, policy, updated_time, next_rotation) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(mount, p.name, seal(mount, p), Timestamp.from(Instant.now()), nextRotation(p))
                .update() == 1;
    }

    public void update(String mount, KeyPolicy p) {
        jdbc.sql("UPDATE transit_key SET policy = ?, updated_time = ?, next_rotation = ? WHERE mount_accessor = ? AND name = ?")
                .params(seal(mount, p), Timestamp.from(Instant.now()), nextRotation(p), mount, p.name)
                .update();
    }

    /** Keys whose auto-rotation is due, locked for this transaction; rows another replica holds are skipped. */
    public List<String[]> claimDueRotations(int limit) {
        return jdbc.sql("SELECT mount_accessor, name FROM transit_key WHERE next_rotation <= now() ORDER BY next_rotation "
                        + "LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    private static @Nullable Timestamp nextRotation(KeyPolicy p) {
        if (p.autoRotatePeriodSeconds <= 0 || p.versions.isEmpty()) {
            return null;
        }
        return Timestamp.from(p.versions.lastEntry().getValue().time().plusSeconds(p.autoRotatePeriodSeconds));
    }

    public void delete(String mount, String name) {
        jdbc.sql("DELETE FROM transit_key WHERE mount_accessor = ? AND name = ?").params(mount, name).update();
    }

    public List<String> names(String mount) {
        return jdbc.sql("SELECT name FROM transit_key WHERE mount_accessor = ? ORDER BY name").param(mount).query(String.class).list();
    }

    public void deleteMount(String mount) {
        jdbc.sql("DELETE FROM transit_key WHERE mount_accessor = ?").param(mount).update();
        jdbc.sql("DELETE FROM cache_config WHERE mount_accessor = ?").param(mount).update();
    }

    public int cacheSize(String mount) {
        return jdbc.sql("SELECT size FROM cache_config WHERE mount_accessor = ?").param(mount).query(Integer.class).optional().orElse(0);
    }

    public void saveCacheSize(String mount, int size) {
        jdbc.sql("INSERT INTO cache_config (mount_accessor, size) VALUES (?, ?) ON CONFLICT (mount_accessor) DO UPDATE SET size = EXCLUDED.size")
                .params(mount, size)
                .update();
    }

    private byte[] seal(String mount, KeyPolicy p) {
        return barrier.encrypt(json.writeValueAsBytes(codec.write(p)), aad(mount, p.name));
    }

    private static String aad(String mount, String name) {
        return Barrier.aad(SCHEMA, "transit_key", mount + "/" + name);
    }
}
