package dev.arca.lease.store;

import dev.arca.core.barrier.Barrier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code lease.leases} table. Revocation data is sealed by the barrier with additional data
 * binding it to its lease id, so it decrypts only in its own row.
 */
@Repository
public class LeaseStore {

    private static final TypeReference<Map<String, String>> PAIRS = new TypeReference<>() { };
    private static final String COLUMNS = "lease_id, service, mount_path, mount_type, mount_accessor, secret_type, "
            + "token_accessor, issue_ms, expire_ms, last_renewal_ms, issue_ttl, max_ttl, renewable, data, state, attempts, "
            + "due_ms, last_error";
    private static final String PARAMETERS = String.join(",", Collections.nCopies(18, "?"));

    private final JdbcTemplate jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    public LeaseStore(JdbcTemplate jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
    }

    private static String aad(String leaseId) {
        return Barrier.aad("lease", "leases", leaseId);
    }

    /**
     * Records leases in the caller's transaction, each unless lease-service has applied the revocation
     * of the token that issued it (in the last hour); returns, per lease, whether it was recorded.
     *
     * <p>Two round trips: the first takes the advisory lock of each issuing token shared until the
     * transaction ends, in the order {@code TokenRevocationFeed} takes them exclusive (by accessor), so
     * an insert cannot interleave with its token's revocation; the second, a batch of inserts run with
     * a snapshot taken once the locks are held, inserts a lease only when its token is not among the
     * revoked ones.
     */
    public List<Boolean> insert(List<LeaseRecord> leases) {
        String[] tokens = leases.stream().map(LeaseRecord::tokenAccessor).filter(a -> !a.isEmpty()).distinct().sorted()
                .toArray(String[]::new);
        if (tokens.length > 0) {
            // the function scan yields the sorted array's elements in order, and each row takes its lock in turn
            jdbc.query("SELECT pg_advisory_xact_lock_shared(hashtext('token:' || a)) FROM unnest(?::text[]) AS a",
                    rs -> { }, (Object) tokens);
        }
        int[] counts = jdbc.batchUpdate("INSERT INTO leases (" + COLUMNS + ") SELECT " + PARAMETERS
                + " WHERE ? = '' OR NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE accessor = ?)",
                leases.stream().map(this::insertValues).toList());
        List<Boolean> inserted = new ArrayList<>(counts.length);
        for (int n : counts) {
            inserted.add(n == 1);
        }
        return inserted;
    }

    /** {@link #insert(List)} of one lease. */
    public boolean insert(LeaseRecord lease) {
        return insert(List.of(lease)).getFirst();
    }

    private Object[] insertValues(LeaseRecord l) {
        byte[] sealed = barrier.encrypt(json.writeValueAsBytes(l.data()), aad(l.id()));
        return new Object[] {l.id(), l.service(), l.mountPath(), l.mountType(), l.mountAccessor(), l.secretType(), l.tokenAccessor(),
            l.issueMs(), l.expireMs(), l.lastRenewalMs(), l.issueTtl(), l.maxTtl(), l.renewable(), sealed, l.state(), l.attempts(),
            l.dueMs(), l.lastError() == null ? new SqlParameterValue(Types.VARCHAR, null) : l.lastError(), l.tokenAccessor(),
            l.tokenAccessor()};
    }

    /** The lease; with {@code lock}, its row is locked until the transaction ends (waiting for another holder). */
    public Optional<LeaseRecord> find(String id, boolean lock) {
        return jdbc.query("SELECT " + COLUMNS + " FROM leases WHERE lease_id = ?" + (lock ? " FOR UPDATE" : ""), this::row, id)
                .stream().findFirst();
    }

    /**
     * Claims up to {@code limit} due leases for this transaction: rows another transaction holds are
     * skipped, so concurrent schedulers never take the same lease.
     */
    public List<LeaseRecord> claimDue(long nowMs, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM leases WHERE state <> 'irrevocable' AND due_ms > 0 AND due_ms <= ? "
                + "ORDER BY due_ms LIMIT ? FOR UPDATE SKIP LOCKED", this::row, nowMs, limit);
    }

    public void delete(String id) {
        jdbc.update("DELETE FROM leases WHERE lease_id = ?", id);
    }

    public void renewed(String id, long expireMs, long nowMs) {
        jdbc.update("UPDATE leases SET expire_ms = ?, due_ms = ?, last_renewal_ms = ? WHERE lease_id = ?", expireMs, expireMs,
                nowMs, id);
    }

    /** Records a failed revocation: the next attempt's time, or the irrevocable state. */
    public void failed(String id, int attempts, long dueMs, String state, String error) {
        jdbc.update("UPDATE leases SET attempts = ?, due_ms = ?, state = ?, last_error = ? WHERE lease_id = ?", attempts, dueMs,
                state, error, id);
    }

    /** Asks for the revocation of every lease whose id starts with {@code prefix}; returns their ids. */
    public List<String> markRevoking(String prefix, long nowMs) {
        return jdbc.queryForList("UPDATE leases SET state = 'revoking', due_ms = ? WHERE lease_id LIKE ? ESCAPE '\\' "
                + "AND state <> 'irrevocable' RETURNING lease_id", String.class, nowMs, like(prefix));
    }

    /** Asks for the revocation of one lease by the scheduler; false when there is none to revoke. */
    public boolean markOneRevoking(String id, long nowMs) {
        return jdbc.update("UPDATE leases SET state = 'revoking', due_ms = ? WHERE lease_id = ? AND state <> 'irrevocable'",
                nowMs, id) > 0;
    }

    /** The irrevocable leases, oldest first, at most {@code limit}. */
    public List<LeaseRecord> irrevocable(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM leases WHERE state = 'irrevocable' ORDER BY issue_ms LIMIT ?", this::row,
                limit);
    }

    /** Gives every irrevocable lease a new round of attempts; returns how many. */
    public int retryIrrevocable(long nowMs) {
        return jdbc.update("UPDATE leases SET state = 'revoking', attempts = 0, due_ms = ? WHERE state = 'irrevocable'", nowMs);
    }

    /** Asks for the revocation of every lease of a mount; returns their ids. */
    public List<String> markMountRevoking(String mountAccessor, long nowMs) {
        return jdbc.queryForList("UPDATE leases SET state = 'revoking', due_ms = ? WHERE mount_accessor = ? "
                + "AND state <> 'irrevocable' RETURNING lease_id", String.class, nowMs, mountAccessor);
    }

    /** Asks for the revocation of every lease issued by these tokens; returns how many. */
    public int markTokensRevoking(List<String> tokenAccessors, long nowMs) {
        return jdbc.update("UPDATE leases SET state = 'revoking', due_ms = ? WHERE token_accessor = ANY (?) "
                + "AND state <> 'irrevocable'", nowMs, tokenAccessors.toArray(String[]::new));
    }

    public void rememberRevokedTokens(List<String> accessors, long nowMs) {
        jdbc.batchUpdate("INSERT INTO revoked_tokens (accessor, revoked_ms) VALUES (?, ?) ON CONFLICT (accessor) DO NOTHING",
                accessors.stream().map(a -> new Object[] {a, nowMs}).toList());
    }

    public void forgetRevokedTokens(long beforeMs) {
        jdbc.update("DELETE FROM revoked_tokens WHERE revoked_ms < ?", beforeMs);
    }

    /** Ids under a prefix (also irrevocable ones), in order. */
    public List<String> ids(String prefix) {
        return jdbc.queryForList("SELECT lease_id FROM leases WHERE lease_id LIKE ? ESCAPE '\\' ORDER BY lease_id", String.class,
                like(prefix));
    }

    public long count(String state) {
        Long n = state.isEmpty() ? jdbc.queryForObject("SELECT count(*) FROM leases", Long.class)
                : jdbc.queryForObject("SELECT count(*) FROM leases WHERE state = ?", Long.class, state);
        return n == null ? 0 : n;
    }

    private static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private LeaseRecord row(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("lease_id");
        Map<String, String> data = json.readValue(barrier.decrypt(rs.getBytes("data"), aad(id)), PAIRS);
        String error = rs.getString("last_error");
        return new LeaseRecord(id, rs.getString("service"), rs.getString("mount_path"), rs.getString("mount_type"),
                rs.getString("mount_accessor"), rs.getString("secret_type"), rs.getString("token_accessor"), rs.getLong("issue_ms"),
                rs.getLong("expire_ms"), rs.getLong("last_renewal_ms"), rs.getLong("issue_ttl"), rs.getLong("max_ttl"),
                rs.getBoolean("renewable"), data, rs.getString("state"), rs.getInt("attempts"), rs.getLong("due_ms"),
                error == null ? "" : error);
    }
}
