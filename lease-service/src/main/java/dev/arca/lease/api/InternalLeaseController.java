package dev.arca.lease.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.lease.LeaseClient;
import dev.arca.core.local.LocalRoute;
import dev.arca.lease.expiry.Revocations;
import dev.arca.lease.registry.LeaseRegistry;
import dev.arca.lease.store.LeaseStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What engines call (platform-core's {@code LeaseClient}), over HTTP and in process: register a lease
 * before its secret leaves the engine, ask which leases exist, and revoke every lease of a mount being disabled.
 */
@RestController
public class InternalLeaseController {

    private final LeaseRegistry registry;
    private final LeaseStore store;
    private final Revocations revocations;
    private final JsonMapper json;

    public InternalLeaseController(LeaseRegistry registry, LeaseStore store, Revocations revocations, JsonMapper json) {
        this.registry = registry;
        this.store = store;
        this.revocations = revocations;
        this.json = json;
    }

    @PostMapping("/internal/leases")
    public ResponseEntity<Void> register(@RequestBody JsonNode body) {
        return registered(body);
    }

    /** Revokes every lease of the mount, synchronously; 400 when some could not be revoked (they stay queued). */
    @PostMapping("/internal/leases/revoke-mount")
    public ResponseEntity<Void> revokeMount(@RequestBody JsonNode body) {
        return mountRevoked(body);
    }

    /** Which of the lease ids exist, in any state: an engine's rollback tells a completed issue by its lease. */
    @PostMapping("/internal/leases/existing")
    public ResponseEntity<Map<String, Object>> existing(@RequestBody JsonNode body) {
        return found(body);
    }

    private ResponseEntity<Map<String, Object>> found(JsonNode b) {
        JsonNode ids = b.path("lease_ids");
        if (!ids.isArray() || ids.size() > LeaseClient.MAX_EXISTING) {
            throw VaultException.badRequest("lease_ids must be a list of at most " + LeaseClient.MAX_EXISTING + " lease ids");
        }
        List<String> existing = new ArrayList<>();
        for (JsonNode id : ids) {
            String one = id.asString("");
            if (!one.isEmpty() && store.find(one, false).isPresent()) {
                existing.add(one);
            }
        }
        return ResponseEntity.ok(Map.of("lease_ids", existing));
    }

    private ResponseEntity<Void> registered(JsonNode b) {
        JsonNode m = b.path("mount");
        Map<String, String> data = b.path("data").isObject() ? Coerce.pairs(b.path("data"), "data") : Map.of();
        registry.register(new LeaseRegistry.Registration(b.path("lease_id").asString(""), b.path("service").asString(""),
                m.path("path").asString(""), m.path("type").asString(""), m.path("accessor").asString(""),
                b.path("secret_type").asString(""), b.path("token_accessor").asString(""), b.path("issue_ms").asLong(0),
                b.path("expire_ms").asLong(0), b.path("ttl").asLong(0), b.path("max_ttl").asLong(0),
                b.path("renewable").asBoolean(false), data));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> mountRevoked(JsonNode b) {
        String accessor = b.path("mount").path("accessor").asString("");
        if (accessor.isEmpty()) {
            throw VaultException.badRequest("mount accessor required");
        }
        List<String> ids = store.markMountRevoking(accessor, System.currentTimeMillis());
        int failed = revocations.revokeAll(ids, false);
        if (failed > 0) {
            throw VaultException.badRequest("failed to revoke " + failed + " leases of the mount");
        }
        return ResponseEntity.noContent().build();
    }

    @Bean
    static LocalRoute leaseRegisterRoute(InternalLeaseController c) {
        return new LocalRoute("POST", "/internal/leases", call -> c.registered(call.json(c.json)));
    }

    @Bean
    static LocalRoute leaseExistingRoute(InternalLeaseController c) {
        return new LocalRoute("POST", "/internal/leases/existing", call -> c.found(call.json(c.json)));
    }

    @Bean
    static LocalRoute leaseRevokeMountRoute(InternalLeaseController c) {
        return new LocalRoute("POST", "/internal/leases/revoke-mount", call -> c.mountRevoked(call.json(c.json)));
    }
}
