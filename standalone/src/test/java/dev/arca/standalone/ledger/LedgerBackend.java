package dev.arca.standalone.ledger;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.backend.SecretType;
import dev.arca.core.lease.LeaseClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code ledger} secrets engine: {@code roles/<name>} sets a TTL, a max TTL, whether its
 * credentials renew, how many revocations of them fail first, and whether registration should break;
 * {@code creds/<role>} issues a credential under a lease. What was issued, revoked and undone is kept
 * in static sets for the tests to check.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerBackend {

    /** A role. */
    record Role(long ttl, long maxTtl, boolean renewable, int failRevokes, boolean breakLease) {
    }

    public static final Set<String> LIVE = ConcurrentHashMap.newKeySet();
    public static final List<String> REVOKED = new CopyOnWriteArrayList<>();
    public static final List<String> UNDONE = new CopyOnWriteArrayList<>();
    public static final List<Long> RENEWALS = new CopyOnWriteArrayList<>();
    /** Revocations still to fail, by username. */
    static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private static final AtomicInteger SERIAL = new AtomicInteger();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final LeaseClient leases;

    public LedgerBackend(LeaseClient leases) {
        this.leases = leases;
    }

    @Bean
    Backend ledger() {
        return Backend.builder("ledger", Backend.Kind.SECRET)
                .description("leased credentials for tests")
                .secret(new SecretType("creds", e -> {
                    RENEWALS.add(e.ttl());
                    return e.ttl();
                }, e -> {
                    String user = e.data().get("username");
                    AtomicInteger fails = FAILURES.get(user);
                    if (fails != null && fails.getAndDecrement() > 0) {
                        throw new VaultException(500, "the ledger is unreachable");
                    }
                    // recorded even for a credential this process did not issue (revoked after a restart)
                    LIVE.remove(user);
                    REVOKED.add(user);
                }))
                .paths(PathFamily.of("roles/{name}")
                                .field(Field.of("ttl", FieldType.DURATION, "Default TTL."))
                                .field(Field.of("max_ttl", FieldType.DURATION, "Max TTL."))
                                .field(Field.of("renewable", FieldType.BOOL, "Whether leases renew.").withDefault(true))
                                .field(Field.of("fail_revokes", FieldType.INT, "Revocations that fail first.").withDefault(0L))
                                .field(Field.of("break_lease", FieldType.BOOL, "Register a lease lease-service refuses.").withDefault(false))
                                .write(r -> {
                                    roles.put(r.mountAccessor() + r.fields().string("name"), new Role(orZero(r.fields().duration("ttl")),
                                            orZero(r.fields().duration("max_ttl")), r.fields().bool("renewable", true),
                                            (int) orZero(r.fields().number("fail_revokes")), r.fields().bool("break_lease", false)));
                                    return BackendRequest.noContent();
                                }, "Write a role.")
                                .help("A role.", "")
                                .build(),
                        PathFamily.of("creds/{role}")
                                .field(Field.of("ttl", FieldType.DURATION, "The TTL asked for."))
                                .read(this::issue, "Issue a credential.")
                                .help("A leased credential.", "")
                                .build())
                .build();
    }

    private ResponseEntity<?> issue(BackendRequest r) {
        Role role = roles.get(r.mountAccessor() + r.fields().string("role"));
        if (role == null) {
            throw VaultException.badRequest("unknown role");
        }
        String user = "user-" + ProcessHandle.current().pid() + "-" + SERIAL.incrementAndGet();
        LIVE.add(user);
        if (role.failRevokes() > 0) {
            FAILURES.put(user, new AtomicInteger(role.failRevokes()));
        }
        LeaseClient.Lease lease = leases.registerOrUndo(r, new LeaseClient.Spec(role.breakLease() ? "" : "creds",
                orZero(r.fields().duration("ttl")), role.ttl(), role.maxTtl(), role.renewable(), Map.of("username", user)), () -> {
                    LIVE.remove(user);
                    UNDONE.add(user);
                });
        return r.leased(Map.of("username", user, "password", "pw-" + user), lease);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
