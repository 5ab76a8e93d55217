package dev.arca.core.lease;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.context.RequestContext;
import dev.arca.core.local.LocalCall;
import dev.arca.core.local.LocalEndpoint;
import dev.arca.core.local.LocalReply;
import dev.arca.core.local.LocalServices;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an engine puts a secret under a lease: {@link #register} records the lease with lease-service
 * before the secret leaves the engine; {@link #registerOrUndo} also undoes what the engine created
 * when registration fails, so a credential without a lease never exists. Lease ids have Vault's
 * form, {@code <mount><path>/<random>} (e.g. {@code database/creds/app/Xq...}).
 *
 * <p>lease-service is reached in process ({@link LocalServices}); without it (services in separate
 * processes) registration fails and the engine refuses to issue.
 */
public final class LeaseClient {

    /** lease-service's name in the {@link LocalServices} directory. */
    public static final String LEASE_SERVICE = "lease";

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The most lease ids {@link #existing} takes in one call. */
    public static final int MAX_EXISTING = 500;

    private final String service;
    private final @Nullable LocalServices directory;
    private final JsonMapper json;
    private final long systemMax;
    private final Clock clock;

    /**
     * @param service   the engine's own service name (lease-service calls it back to renew and revoke)
     * @param systemMax the server's {@code max_lease_ttl}, in seconds
     */
    public LeaseClient(String service, @Nullable LocalServices directory, JsonMapper json, long systemMax, Clock clock) {
        this.service = service;
        this.directory = directory;
        this.json = json;
        this.systemMax = systemMax;
        this.clock = clock;
    }

    /**
     * What the engine asks for.
     *
     * @param secretType   the backend's {@code SecretType} that renews and revokes it
     * @param requestedTtl the TTL the caller or role asks for, 0 for the default
     * @param roleTtl      the role's default TTL, 0 for none
     * @param roleMaxTtl   the role's max TTL, 0 for none
     * @param data         what the engine needs to revoke it (encrypted by lease-service's barrier)
     */
    public record Spec(String secretType, long requestedTtl, long roleTtl, long roleMaxTtl, boolean renewable,
            Map<String, String> data) {
        public Spec {
            data = Map.copyOf(data);
        }
    }

    /** A registered lease, for the response envelope. */
    public record Lease(String id, long ttl, boolean renewable, List<String> warnings) {
        public Lease {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Registers a lease for the secret the request is issuing, with the TTL Vault's rule gives
     * ({@link Ttl}): the request, the role, the mount's tune (from the context), the system maximum.
     *
     * @throws VaultException 403 when the calling token has been revoked meanwhile, 500 when
     *                        lease-service did not record the lease
     */
    public Lease register(BackendRequest request, Spec spec) {
        return register(request, spec, newId(request));
    }

    /**
     * A lease id for what the request issues, for an engine that records it before registering
     * ({@link #register(BackendRequest, Spec, String)}), so that it can later ask whether the lease exists.
     */
    public String newId(BackendRequest request) {
        return request.context().path() + "/" + random(24);
    }

    /** {@link #register(BackendRequest, Spec)} under an id from {@link #newId}. */
    public Lease register(BackendRequest request, Spec spec, String id) {
        RequestContext ctx = request.context();
        long now = clock.millis();
        Ttl.Limits limits = limits(ctx, spec);
        Ttl.Result ttl = Ttl.issue(spec.requestedTtl(), limits, now, 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lease_id", id);
        body.put("service", service);
        body.put("mount", mount(ctx.mountPath(), ctx.mountType(), ctx.mountAccessor()));
        body.put("secret_type", spec.secretType());
        body.put("token_accessor", ctx.tokenAccessor());
        body.put("issue_ms", now);
        body.put("expire_ms", ttl.expireMs());
        body.put("ttl", ttl.ttl());
        body.put("max_ttl", limits.maxTtl());
        body.put("renewable", spec.renewable());
        body.put("data", spec.data());
        LocalReply reply = send("/internal/leases", body);
        if (reply != null && reply.status() == 403) {
            // the calling token was revoked while this request was under way
            throw VaultException.permissionDenied();
        }
        if (reply == null || reply.status() / 100 != 2) {
            throw VaultException.internal("failed to register the lease");
        }
        return new Lease(id, ttl.ttl(), spec.renewable(), ttl.warnings());
    }

    /**
     * The TTL a registration of {@code spec} would be granted now, for an engine that must tell the
     * credential itself how long it is valid (a database user's {@code VALID UNTIL}) before registering.
     */
    public Ttl.Result ttl(BackendRequest request, Spec spec) {
        return Ttl.issue(spec.requestedTtl(), limits(request.context(), spec), clock.millis(), 0);
    }

    private Ttl.Limits limits(RequestContext ctx, Spec spec) {
        return Ttl.Limits.system(Ttl.SYSTEM_DEFAULT, systemMax).mount(ctx.defaultLeaseTtl(), ctx.maxLeaseTtl())
                .role(spec.roleTtl(), spec.roleMaxTtl());
    }

    /** {@link #register}, and when that fails, {@code undo} (what the engine created) before the failure propagates. */
    public Lease registerOrUndo(BackendRequest request, Spec spec, Runnable undo) {
        return registerOrUndo(request, spec, newId(request), undo);
    }

    /** {@link #registerOrUndo(BackendRequest, Spec, Runnable)} under an id from {@link #newId}. */
    public Lease registerOrUndo(BackendRequest request, Spec spec, String id, Runnable undo) {
        try {
            return register(request, spec, id);
        } catch (RuntimeException e) {
            try {
                undo.run();
            } catch (RuntimeException undoFailed) {
                e.addSuppressed(undoFailed);
            }
            throw e;
        }
    }

    /**
     * Which of the lease ids lease-service holds, in whatever state (at most {@value #MAX_EXISTING} a call).
     * None when no lease-service runs in this process: then no lease can have been registered here.
     *
     * @throws VaultException when lease-service did not answer
     */
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty() || directory == null || directory.find(LEASE_SERVICE) == null) {
            return Set.of();
        }
        LocalReply reply = send("/internal/leases/existing", Map.of("lease_ids", List.copyOf(ids)));
        if (reply == null || reply.status() / 100 != 2 || reply.tree() == null) {
            throw VaultException.internal("failed to look up leases");
        }
        Set<String> found = new HashSet<>();
        reply.tree().path("lease_ids").forEach(n -> found.add(n.asString("")));
        return found;
    }

    /**
     * Revokes every lease of a mount (called before the mount's disable hook).
     *
     * @throws VaultException when lease-service is unreachable or a revocation failed
     */
    public void revokeMount(Backend.MountInfo mount) {
        if (directory == null || directory.find(LEASE_SERVICE) == null) {
            // no lease-service in this process: nothing can have been leased here
            return;
        }
        LocalReply reply = send("/internal/leases/revoke-mount", Map.of("mount", mount(mount.path(), mount.type(), mount.accessor())));
        if (reply == null || reply.status() / 100 != 2) {
            throw VaultException.badRequest("failed to revoke the mount's leases");
        }
    }

    private @Nullable LocalReply send(String path, Map<String, Object> body) {
        LocalEndpoint lease = directory == null ? null : directory.find(LEASE_SERVICE);
        if (lease == null) {
            return null;
        }
        RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), "update", "sys/leases", "sys/", "system",
                "system", Map.of(), "", "", service, List.of("root"), "127.0.0.1");
        return lease.call(new LocalCall("POST", path, "", ctx, new byte[0], json.valueToTree(body), "application/json", Map.of()));
    }

    private static Map<String, String> mount(String path, String type, String accessor) {
        return Map.of("path", path, "type", type, "accessor", accessor);
    }

    static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
