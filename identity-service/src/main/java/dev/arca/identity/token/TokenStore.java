package dev.arca.identity.token;

import dev.arca.core.barrier.Barrier;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of {@code tokens}: plain JDBC, callers own the transaction. A token's {@code meta} is what callers
 * put in it, as sensitive as a secret: it is stored only encrypted by the barrier ({@code meta_sealed},
 * bound to the row by its accessor); the plaintext {@code meta} column is read only for rows written
 * before, until {@link #sealLegacyMeta} has re-encrypted them.
 */
@Repository
public class TokenStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "accessor, token_hash, parent_accessor, policies, meta, meta_sealed, display_name, path, "
            + "entity_id, num_uses, creation_ms, creation_ttl, expire_ms, explicit_max_ttl, period, renewable, orphan, "
            + "last_renewal_ms, type, bound_cidrs";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Barrier barrier;

    public TokenStore(JdbcClient jdbc, JdbcTemplate batch, Barrier barrier) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.barrier = barrier;
    }

    static String metaAad(String accessor) {
        return Barrier.aad("identity", "tokens", accessor);
    }

    private byte @Nullable [] sealMeta(String accessor, @Nullable Map<String, String> meta) {
        return meta == null ? null : barrier.encrypt(JSON.writeValueAsBytes(meta), metaAad(accessor));
    }

    public void insert(TokenEntry t) {
        jdbc.sql("INSERT INTO tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(t)).update();
    }

    /** What became of one token of {@link #insert(List)}. */
    public enum Insert { INSERTED, DUPLICATE, PARENT_GONE }

    /**
     * Inserts tokens in the caller's transaction, one statement each in one round trip, and says per
     * token what happened; a refused token does not fail the others. A child is inserted only while its
     * parent exists, its row locked (FOR KEY SHARE) until the transaction ends, as the foreign key would:
     * a revoke under way either sees the child or makes the insert find no parent (see {@link #deleteTree}).
     */
    public List<Insert> insert(List<TokenEntry> tokens) {
        List<Object[]> rows = new ArrayList<>(tokens.size());
        for (TokenEntry t : tokens) {
            Object[] v = values(t);
            Object[] row = Arrays.copyOf(v, v.length + 2);
            row[v.length] = t.parentAccessor();
            row[v.length + 1] = t.parentAccessor();
            rows.add(row);
        }
        int[] counts = batch.batchUpdate("INSERT INTO tokens (" + COLUMNS + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ? WHERE ?::text IS NULL OR EXISTS (SELECT 1 FROM tokens p WHERE p.accessor = ? FOR KEY SHARE) "
                + "ON CONFLICT DO NOTHING", rows);
        List<Insert> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < counts.length; i++) {
            String parent = tokens.get(i).parentAccessor();
            out.add(counts[i] == 1 ? Insert.INSERTED
                    : parent != null && byAccessor(parent, false).isEmpty() ? Insert.PARENT_GONE : Insert.DUPLICATE);
        }
        return out;
    }

    private Object[] values(TokenEntry t) {
        return new Object[] {t.accessor(), t.hash(), t.parentAccessor(), JSON.writeValueAsString(t.policies()),
            null, sealMeta(t.accessor(), t.meta()), t.displayName(), t.path(),
            t.entityId(), t.numUses(), t.creationMs(), t.creationTtl(), t.expireMs(), t.explicitMaxTtl(),
            t.period(), t.renewable(), t.orphan(), t.lastRenewalMs(), t.type(), JSON.writeValueAsString(t.boundCidrs())};
    }

    public Optional<TokenEntry> byHash(byte[] hash, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tokens WHERE token_hash = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(hash).query(this::row).optional();
    }

    public Optional<TokenEntry> byAccessor(String accessor, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tokens WHERE accessor = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(accessor).query(this::row).optional();
    }

    public List<String> accessors() {
        return jdbc.sql("SELECT accessor FROM tokens ORDER BY accessor").query(String.class).list();
    }

    public List<String> expired(long nowMs, int limit) {
        return jdbc.sql("SELECT accessor FROM tokens WHERE (expire_ms > 0 AND expire_ms <= ?) OR num_uses = -1 ORDER BY expire_ms LIMIT ?")
                .params(nowMs, limit).query(String.class).list();
    }

    /**
     * Deletes the token and all its descendants; returns their accessors. The tree is locked from the top
     * down, one level per statement: once a token is locked no child can be added under it (a child's
     * insert checks its foreign key with a key-share lock on the parent), and each level's query, a new
     * statement, sees every child committed before its parent was locked. Top-down order matches
     * creation's (parent, then child), so revokes and creates cannot deadlock over one tree.
     */
    public List<String> deleteTree(String accessor) {
        List<String> tree = new ArrayList<>();
        List<String> level = jdbc.sql("SELECT accessor FROM tokens WHERE accessor = ? FOR UPDATE")
                .param(accessor).query(String.class).list();
        while (!level.isEmpty()) {
            tree.addAll(level);
            level = jdbc.sql("SELECT accessor FROM tokens WHERE parent_accessor = ANY(?) ORDER BY accessor FOR UPDATE")
                    .param(level.toArray(String[]::new)).query(String.class).list();
        }
        if (tree.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("DELETE FROM tokens WHERE accessor = ANY(?) RETURNING accessor")
                .param(tree.toArray(String[]::new)).query(String.class).list();
    }

    /** Deletes only this token; its children become orphans. */
    public boolean deleteOrphaningChildren(String accessor) {
        jdbc.sql("UPDATE tokens SET parent_accessor = NULL, orphan = TRUE WHERE parent_accessor = ?").param(accessor).update();
        return jdbc.sql("DELETE FROM tokens WHERE accessor = ?").param(accessor).update() > 0;
    }

    /** Marks the token's last use as under way ({@code num_uses = -1}). */
    public void markSpent(String accessor) {
        jdbc.sql("UPDATE tokens SET num_uses = -1 WHERE accessor = ?").param(accessor).update();
    }

    public void decrementUses(String accessor) {
        jdbc.sql("UPDATE tokens SET num_uses = num_uses - 1 WHERE accessor = ?").param(accessor).update();
    }

    public void renew(String accessor, long expireMs, long nowMs) {
        jdbc.sql("UPDATE tokens SET expire_ms = ?, last_renewal_ms = ? WHERE accessor = ?").params(expireMs, nowMs, accessor).update();
    }

    /**
     * Encrypts the plaintext {@code meta} of up to {@code limit} rows written before metadata was sealed;
     * returns how many it did. Needs the barrier unsealed.
     */
    public int sealLegacyMeta(int limit) {
        List<Map.Entry<String, String>> legacy = jdbc.sql("SELECT accessor, meta FROM tokens WHERE meta IS NOT NULL LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        for (Map.Entry<String, String> e : legacy) {
            jdbc.sql("UPDATE tokens SET meta_sealed = ?, meta = NULL WHERE accessor = ?")
                    .params(barrier.encrypt(e.getValue().getBytes(StandardCharsets.UTF_8), metaAad(e.getKey())), e.getKey())
                    .update();
        }
        return legacy.size();
    }

    private @Nullable Map<String, String> meta(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("meta_sealed");
        if (sealed != null) {
            return JSON.readValue(barrier.decrypt(sealed, metaAad(rs.getString("accessor"))), STRING_MAP);
        }
        String legacy = rs.getString("meta");
        return legacy == null ? null : JSON.readValue(legacy, STRING_MAP);
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private TokenEntry row(ResultSet rs, int n) throws SQLException {
        return new TokenEntry(rs.getString("accessor"), rs.getBytes("token_hash"), rs.getString("parent_accessor"),
                JSON.readValue(rs.getString("policies"), STRING_LIST),
                meta(rs),
                rs.getString("display_name"), rs.getString("path"), rs.getString("entity_id"), rs.getInt("num_uses"),
                rs.getLong("creation_ms"), rs.getLong("creation_ttl"), rs.getLong("expire_ms"),
                rs.getLong("explicit_max_ttl"), rs.getLong("period"), rs.getBoolean("renewable"), rs.getBoolean("orphan"),
                rs.getLong("last_renewal_ms"), rs.getString("type"),
                JSON.readValue(rs.getString("bound_cidrs"), STRING_LIST));
    }
}
