package dev.arca.lease.registry;

import dev.arca.core.api.VaultException;
import dev.arca.core.lease.Ttl;
import dev.arca.lease.LeaseProperties;
import dev.arca.lease.store.LeaseRecord;
import dev.arca.lease.store.LeaseStore;
import dev.arca.lease.store.LeaseWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration, lookup and renewal. A renewal is bounded by the lease's max TTL (counted from its
 * issue, Vault's rule in {@link Ttl}) and then put to the owning backend, which may refuse it or grant
 * less.
 */
@Service
public class LeaseRegistry {

    private final LeaseStore store;
    private final LeaseWriter writer;
    private final BackendCalls backends;
    private final LeaseProperties props;
    private final Clock clock = Clock.systemUTC();

    public LeaseRegistry(LeaseStore store, LeaseWriter writer, BackendCalls backends, LeaseProperties props) {
        this.store = store;
        this.writer = writer;
        this.backends = backends;
        this.props = props;
    }

    /** What an engine registers; times are the engine's (it computed the TTL). */
    public record Registration(String id, String service, String mountPath, String mountType, String mountAccessor,
            String secretType, String tokenAccessor, long issueMs, long expireMs, long ttl, long maxTtl, boolean renewable,
            Map<String, String> data) {
    }

    /** The result of a renewal. */
    public record Renewal(String id, long ttl, boolean renewable, List<String> warnings) {
    }

    /** Records the lease, committed when this returns (by group commit with concurrent registrations). */
    public void register(Registration r) {
        if (r.id().isBlank() || r.service().isBlank() || r.secretType().isBlank()) {
            throw VaultException.badRequest("lease_id, service and secret_type are required");
        }
        // the engine's max already follows Vault's rule (Ttl): a mount's max_lease_ttl overrides the system's
        long max = r.maxTtl() > 0 ? r.maxTtl() : props.systemMaxTtl().toSeconds();
        long expire = r.expireMs() > 0 ? Math.min(r.expireMs(), r.issueMs() + max * 1000) : r.issueMs() + max * 1000;
        if (!writer.insert(new LeaseRecord(r.id(), r.service(), r.mountPath(), r.mountType(), r.mountAccessor(), r.secretType(),
                r.tokenAccessor(), r.issueMs(), expire, 0, r.ttl(), max, r.renewable(), r.data(), LeaseRecord.ACTIVE, 0,
                expire, null))) {
            // the request passed the token check just before the token was revoked
            throw VaultException.permissionDenied();
        }
    }

    @Transactional(readOnly = true)
    public LeaseRecord lookup(String id) {
        return store.find(id, false).orElseThrow(() -> VaultException.badRequest("invalid lease"));
    }

    /**
     * Renews a lease: the increment (else the TTL it was issued with), capped at its max TTL, then as
     * much of it as the backend grants.
     */
    @Transactional
    public Renewal renew(String id, long increment) {
        long now = clock.millis();
        LeaseRecord lease = store.find(id, true).filter(l -> !LeaseRecord.IRREVOCABLE.equals(l.state()))
                .orElseThrow(() -> VaultException.badRequest("lease not found"));
        if (!LeaseRecord.ACTIVE.equals(lease.state()) || (lease.expireMs() > 0 && lease.expireMs() <= now)) {
            throw VaultException.badRequest("lease expired");
        }
        if (!lease.renewable()) {
            throw VaultException.badRequest("lease is not renewable");
        }
        Ttl.Result allowed = Ttl.renew(increment, new Ttl.Limits(lease.issueTtl(), lease.maxTtl(), 0, 0, 0, 0, 0, 0),
                lease.issueMs(), now, 0);
        long granted = Math.min(allowed.ttl(), backends.renew(lease, increment, allowed.ttl()));
        store.renewed(id, now + granted * 1000, now);
        return new Renewal(id, granted, true, allowed.warnings());
    }

    /** Vault's LIST of {@code sys/leases/lookup/<prefix>}: the next segment of each id below it, folders with {@code /}. */
    @Transactional(readOnly = true)
    public List<String> keys(String prefix) {
        TreeSet<String> keys = new TreeSet<>();
        for (String id : store.ids(prefix)) {
            String rest = id.substring(prefix.length());
            int slash = rest.indexOf('/');
            keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        keys.remove("");
        return new ArrayList<>(keys);
    }

    @Transactional(readOnly = true)
    public long count(String state) {
        return store.count(state);
    }
}
