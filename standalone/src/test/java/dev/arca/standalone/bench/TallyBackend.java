package dev.arca.standalone.bench;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.backend.SecretType;
import dev.arca.core.lease.LeaseClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * The {@code tally} secrets engine, for the lease benchmarks: {@code creds/<role>} issues a
 * credential, under a lease or not as the role says, so that the two issues differ by the lease
 * alone. Renewal grants what lease-service allows; revocation does nothing but count.
 */
@Configuration(proxyBeanMethods = false)
public class TallyBackend {

    /** Revocations this process has carried out. */
    public static final AtomicLong REVOKED = new AtomicLong();

    record Role(long ttl, boolean leased) {
    }

    private static final AtomicLong SERIAL = new AtomicLong();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final LeaseClient leases;

    public TallyBackend(LeaseClient leases) {
        this.leases = leases;
    }

    @Bean
    Backend tally() {
        return Backend.builder("tally", Backend.Kind.SECRET)
                .description("credentials with and without leases, for benchmarks")
                .secret(new SecretType("creds", e -> e.ttl(), e -> REVOKED.incrementAndGet()))
                .paths(PathFamily.of("roles/{name}")
                                .field(Field.of("ttl", FieldType.DURATION, "Default TTL."))
                                .field(Field.of("leased", FieldType.BOOL, "Whether credentials are leased.").withDefault(true))
                                .write(r -> {
                                    Long ttl = r.fields().duration("ttl");
                                    roles.put(r.mountAccessor() + r.fields().string("name"),
                                            new Role(ttl == null ? 0 : ttl, r.fields().bool("leased", true)));
                                    return BackendRequest.noContent();
                                }, "Write a role.")
                                .help("A role.", "")
                                .build(),
                        PathFamily.of("creds/{role}")
                                .read(this::issue, "Issue a credential.")
                                .help("A credential.", "")
                                .build())
                .build();
    }

    private ResponseEntity<?> issue(BackendRequest r) {
        Role role = roles.get(r.mountAccessor() + r.fields().string("role"));
        if (role == null) {
            throw VaultException.badRequest("unknown role");
        }
        String user = "tally-" + SERIAL.incrementAndGet();
        Map<String, String> secret = Map.of("username", user, "password", "pw-" + user);
        if (!role.leased()) {
            return r.ok(secret);
        }
        LeaseClient.Lease lease = leases.registerOrUndo(r, new LeaseClient.Spec("creds", 0, role.ttl(), 0, true,
                Map.of("username", user)), () -> { });
        return r.leased(secret, lease);
    }
}
