package dev.arca.core.context;

import java.util.List;
import java.util.Map;

/**
 * What the gateway vouches for about one request, carried to a service as a signed JWT.
 *
 * @param requestId       the request id the gateway answers with and audits under
 * @param operation       Vault operation: create, read, update, patch, delete, list
 * @param path            the full API path below {@code /v1/}, e.g. {@code secret/data/app}
 * @param mountPath       the matched mount with trailing slash, e.g. {@code secret/}; {@code sys/} for system paths
 * @param mountAccessor   the mount's unique accessor (stable storage key of the mount), e.g. {@code kv_1a2b3c4d}
 * @param mountType       engine type of the mount, e.g. {@code kv}
 * @param mountOptions    the mount's options, e.g. {@code {"version":"2"}}
 * @param tokenAccessor   accessor of the calling token, empty for unauthenticated calls
 * @param entityId        entity of the caller, may be empty
 * @param displayName     display name of the calling token
 * @param policies        the calling token's policies
 * @param clientAddress   remote address of the caller
 * @param defaultLeaseTtl the mount's tuned {@code default_lease_ttl} in seconds, 0 for the system default
 * @param maxLeaseTtl     the mount's tuned {@code max_lease_ttl} in seconds, 0 for the system maximum
 * @param writeLimit      on a path with an existence check, what the caller's policies allow a write to do:
 *                        {@code ""} anything, {@code "create"} only create the target, {@code "update"} only
 *                        change an existing one (Vault's create and update capabilities)
 * @param clientCertificates the TLS client certificate chain the caller presented on its connection to the
 *                        gateway (leaf first, each base64 DER), empty when none; the handshake proved the
 *                        caller holds the leaf's private key, the chain itself is not verified (the {@code cert}
 *                        auth method verifies it against its trusted certificates)
 */
public record RequestContext(
        String requestId,
        String operation,
        String path,
        String mountPath,
        String mountAccessor,
        String mountType,
        Map<String, String> mountOptions,
        String tokenAccessor,
        String entityId,
        String displayName,
        List<String> policies,
        String clientAddress,
        long defaultLeaseTtl,
        long maxLeaseTtl,
        String writeLimit,
        List<String> clientCertificates) {

    public RequestContext {
        mountOptions = Map.copyOf(mountOptions);
        policies = List.copyOf(policies);
        clientCertificates = List.copyOf(clientCertificates);
    }

    /** A context without a client certificate. */
    public RequestContext(String requestId, String operation, String path, String mountPath, String mountAccessor,
            String mountType, Map<String, String> mountOptions, String tokenAccessor, String entityId, String displayName,
            List<String> policies, String clientAddress, long defaultLeaseTtl, long maxLeaseTtl, String writeLimit) {
        this(requestId, operation, path, mountPath, mountAccessor, mountType, mountOptions, tokenAccessor, entityId,
                displayName, policies, clientAddress, defaultLeaseTtl, maxLeaseTtl, writeLimit, List.of());
    }

    /** A context without mount TTLs or write limit (system calls, tests). */
    public RequestContext(String requestId, String operation, String path, String mountPath, String mountAccessor,
            String mountType, Map<String, String> mountOptions, String tokenAccessor, String entityId, String displayName,
            List<String> policies, String clientAddress) {
        this(requestId, operation, path, mountPath, mountAccessor, mountType, mountOptions, tokenAccessor, entityId,
                displayName, policies, clientAddress, 0, 0, "");
    }

    /** The path relative to the mount, e.g. {@code data/app} for {@code secret/data/app}. */
    public String relativePath() {
        return path.startsWith(mountPath) ? path.substring(mountPath.length()) : path;
    }

    public boolean isRoot() {
        return policies.contains("root");
    }
}
