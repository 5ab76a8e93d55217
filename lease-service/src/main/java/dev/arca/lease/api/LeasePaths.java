package dev.arca.lease.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.lease.expiry.Revocations;
import dev.arca.lease.expiry.TokenRevocationFeed;
import dev.arca.lease.registry.LeaseRegistry;
import dev.arca.lease.store.LeaseRecord;
import dev.arca.lease.store.LeaseStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * Vault's lease API as a system backend: {@code sys/leases/lookup} (and its sudo LIST by prefix),
 * {@code sys/leases/renew}, {@code sys/leases/revoke} (synchronous unless {@code sync=false}),
 * {@code sys/leases/revoke-prefix} and {@code revoke-force} (sudo), {@code sys/leases/tidy},
 * {@code sys/leases/count}, {@code sys/leases?type=irrevocable}, and the old {@code sys/renew},
 * {@code sys/revoke}, {@code sys/revoke-prefix}, {@code sys/revoke-force}.
 */
@Configuration(proxyBeanMethods = false)
public class LeasePaths {

    private final LeaseRegistry registry;
    private final Revocations revocations;
    private final LeaseStore store;
    private final TokenRevocationFeed tokens;

    public LeasePaths(LeaseRegistry registry, Revocations revocations, LeaseStore store, TokenRevocationFeed tokens) {
        this.registry = registry;
        this.revocations = revocations;
        this.store = store;
        this.tokens = tokens;
    }

    private static Field leaseId() {
        return Field.string("lease_id", "The lease's id.");
    }

    private static Field urlLeaseId() {
        return Field.path("url_lease_id", "The lease's id, in the path.");
    }

    private static Field sync() {
        return Field.of("sync", FieldType.BOOL, "Wait for the backend's revocation (true) or queue it (false).").withDefault(true);
    }

    @Bean
    Backend leaseBackend() {
        List<PathFamily> families = new ArrayList<>();
        families.add(PathFamily.of("leases/lookup/?")
                .field(leaseId())
                .write(this::lookup, "Read a lease's times.")
                .list(r -> r.keys(registry.keys("")), "List lease ids (sudo).")
                .help("Look up a lease.", "PUT with lease_id reads it; LIST shows the ids below a prefix.")
                .build());
        families.add(PathFamily.of("leases/lookup/{prefix+}")
                .list(r -> r.keys(registry.keys(folder(r.fields().string("prefix")))), "List lease ids below a prefix (sudo).")
                .help("The lease ids below a prefix.", "")
                .build());
        for (String base : List.of("leases/", "")) {
            families.add(renew(base + "renew/?", false));
            families.add(renew(base + "renew/{url_lease_id+}", true));
            families.add(revoke(base + "revoke/?", false));
            families.add(revoke(base + "revoke/{url_lease_id+}", true));
            families.add(PathFamily.of(base + "revoke-prefix/{prefix+}")
                    .field(sync())
                    .write(this::revokePrefix, "Revoke every lease below a prefix (sudo).")
                    .help("Revoke by prefix.", "Revokes every lease whose id starts with the prefix, through its backend.")
                    .build());
            families.add(PathFamily.of(base + "revoke-force/{prefix+}")
                    .write(this::revokeForce, "Remove every lease below a prefix even when its backend fails (sudo).")
                    .help("Revoke by prefix, ignoring backend errors.",
                            "The records go even when the backend cannot revoke: the secrets may outlive them.")
                    .build());
        }
        families.add(PathFamily.of("leases/tidy")
                .write(this::tidy, "Apply pending token revocations and retry irrevocable leases.")
                .help("Tidy the lease store.", "")
                .build());
        families.add(PathFamily.of("leases/count")
                .field(Field.string("type", "\"irrevocable\" to count only those; empty for every lease."))
                .read(this::count, "Count leases.")
                .help("How many leases there are.", "")
                .build());
        families.add(PathFamily.of("leases/?")
                .field(Field.string("type", "Must be \"irrevocable\"."))
                .field(Field.of("limit", FieldType.INT, "At most this many.").withDefault(10_000L))
                .read(this::irrevocable, "List irrevocable leases.")
                .list(this::irrevocable, "List irrevocable leases.")
                .help("The irrevocable leases.", "")
                .build());
        return Backend.builder("leases", Backend.Kind.SYSTEM)
                .description("The lease registry")
                .systemPrefix("sys/leases")
                .systemPrefix("sys/renew")
                .systemPrefix("sys/revoke")
                .sudo("leases/lookup/*", "leases/revoke-prefix/*", "leases/revoke-force/*", "revoke-prefix/*", "revoke-force/*")
                .paths(families)
                .build();
    }

    private PathFamily renew(String pattern, boolean inPath) {
        PathFamily.Builder b = PathFamily.of(pattern).field(leaseId())
                .field(Field.of("increment", FieldType.DURATION, "The TTL asked for, from now."));
        if (inPath) {
            b.field(urlLeaseId());
        }
        return b.write(r -> renew(r, inPath), "Renew a lease.").help("Renew a lease.", "").build();
    }

    private PathFamily revoke(String pattern, boolean inPath) {
        PathFamily.Builder b = PathFamily.of(pattern).field(leaseId()).field(sync());
        if (inPath) {
            b.field(urlLeaseId());
        }
        return b.write(r -> revoke(r, inPath), "Revoke a lease.").help("Revoke a lease.", "").build();
    }

    /** The lease id from the path when the family has it there, else from the body. */
    private static String id(BackendRequest r, boolean inPath) {
        String id = inPath ? r.fields().string("url_lease_id") : "";
        if (id.isEmpty()) {
            id = r.fields().string("lease_id");
        }
        if (id.isEmpty()) {
            throw VaultException.badRequest("lease_id must be specified");
        }
        return id;
    }

    private static String folder(String prefix) {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private ResponseEntity<?> lookup(BackendRequest r) {
        LeaseRecord l = registry.lookup(id(r, false));
        long now = System.currentTimeMillis();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", l.id());
        data.put("issue_time", Instant.ofEpochMilli(l.issueMs()).toString());
        data.put("expire_time", l.expireMs() == 0 ? null : Instant.ofEpochMilli(l.expireMs()).toString());
        data.put("last_renewal", l.lastRenewalMs() == 0 ? null : Instant.ofEpochMilli(l.lastRenewalMs()).toString());
        data.put("renewable", l.renewable() && LeaseRecord.ACTIVE.equals(l.state()));
        data.put("ttl", l.expireMs() == 0 ? 0 : Math.max(0, (l.expireMs() - now) / 1000));
        data.put("irrevocable", LeaseRecord.IRREVOCABLE.equals(l.state()));
        data.put("revocation_attempts", l.attempts());
        data.put("revocation_error", l.lastError());
        return r.ok(data);
    }

    private ResponseEntity<?> renew(BackendRequest r, boolean inPath) {
        Long increment = r.fields().duration("increment");
        LeaseRegistry.Renewal renewed = registry.renew(id(r, inPath), increment == null ? 0 : increment);
        return ResponseEntity.ok(r.envelope(null).withLease(renewed.id(), renewed.ttl(), renewed.renewable())
                .withWarnings(renewed.warnings()));
    }

    private ResponseEntity<?> revoke(BackendRequest r, boolean inPath) {
        String id = id(r, inPath);
        if (!r.fields().bool("sync", true)) {
            store.markOneRevoking(id, System.currentTimeMillis());
            return ResponseEntity.accepted().body(r.envelope(null));
        }
        revocations.revoke(id, false);
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> revokePrefix(BackendRequest r) {
        List<String> ids = store.markRevoking(folder(r.fields().string("prefix")), System.currentTimeMillis());
        if (!r.fields().bool("sync", true)) {
            return ResponseEntity.accepted().body(r.envelope(null));
        }
        int failed = revocations.revokeAll(ids, false);
        if (failed > 0) {
            throw VaultException.badRequest("failed to revoke " + failed + " of " + ids.size()
                    + " leases; they stay queued for revocation");
        }
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> revokeForce(BackendRequest r) {
        revocations.revokeAll(store.ids(folder(r.fields().string("prefix"))), true);
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> tidy(BackendRequest r) {
        tokens.drain();
        store.retryIrrevocable(System.currentTimeMillis());
        return ResponseEntity.accepted().body(r.envelope(null).withWarnings(List.of("Tidy operation successfully started. "
                + "Any information from the operation will be printed to Arca's server logs.")));
    }

    private ResponseEntity<?> count(BackendRequest r) {
        String type = r.fields().string("type");
        if (!type.isEmpty() && !type.equals("irrevocable")) {
            throw VaultException.badRequest("invalid type provided: " + type.replaceAll("[^a-z-]", ""));
        }
        long n = registry.count(type.isEmpty() ? "" : LeaseRecord.IRREVOCABLE);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lease_count", n);
        data.put("counts", Map.of("", n));
        return r.ok(data);
    }

    private ResponseEntity<?> irrevocable(BackendRequest r) {
        if (!"irrevocable".equals(r.fields().string("type"))) {
            throw VaultException.badRequest("invalid type provided: only irrevocable leases are listed");
        }
        Long limit = r.fields().number("limit");
        List<Map<String, Object>> leases = new ArrayList<>();
        for (LeaseRecord l : store.irrevocable(limit == null ? 10_000 : limit.intValue())) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("lease_id", l.id());
            one.put("mount_id", l.mountAccessor());
            one.put("expire_time", l.expireMs() == 0 ? null : Instant.ofEpochMilli(l.expireMs()).toString());
            one.put("error", l.lastError());
            one.put("attempts", l.attempts());
            leases.add(one);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lease_count", leases.size());
        data.put("leases", leases);
        return r.ok(data);
    }
}
