package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.mount.MountTable;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Maps a path to its route: the gateway's own system handlers, the system paths other services own,
 * or the mount table's longest prefix and the service owning the mount's type.
 */
@Component
public class Router {

    /** Which service runs each engine or auth type. */
    static final Map<String, String> SERVICE_BY_TYPE = Map.of("kv", "kv", "token", "identity");

    /** System path prefixes owned by services other than the gateway. */
    private static final Map<String, String> SYS_SERVICES = Map.of(
            "sys/policies/", "identity",
            "sys/policy", "identity",
            "sys/audit-hash/", "audit",
            "sys/audit-verify", "audit",
            "sys/audit", "audit");

    /** Vault's root-protected paths: the caller also needs {@code sudo} on them. */
    private static final List<String> SUDO_EXACT = List.of("sys/audit", "sys/rotate", "sys/seal", "auth/token/accessors",
            "auth/token/accessors/");
    private static final List<String> SUDO_PREFIX = List.of("sys/audit/", "sys/auth/", "sys/raw", "sys/leases/revoke-prefix/",
            "sys/leases/revoke-force/", "auth/token/revoke-orphan");

    private final LocalRoutes local = new LocalRoutes();
    private final MountTable mounts;

    public Router(MountTable mounts, List<LocalRoutes.Registrar> registrars) {
        this.mounts = mounts;
        registrars.forEach(r -> r.register(local));
    }

    public Route route(String path, Operation op) {
        boolean sudo = SUDO_EXACT.contains(path) || SUDO_PREFIX.stream().anyMatch(path::startsWith);
        if (path.equals("sys") || path.startsWith("sys/")) {
            Mount sys = mounts.get("sys/").orElseThrow(() -> new IllegalStateException("the sys/ mount is missing"));
            if (local.claims(path)) {
                LocalHandler h = local.find(path, op);
                if (h == null) {
                    throw VaultException.unsupportedOperation();
                }
                return new Route.Local(sys, h, sudo);
            }
            for (Map.Entry<String, String> e : SYS_SERVICES.entrySet()) {
                if (path.startsWith(e.getKey())) {
                    return new Route.Forward(sys, e.getValue(), sudo);
                }
            }
            throw VaultException.unsupportedPath(path);
        }
        Mount m = mounts.resolve(path).orElseThrow(() -> new VaultException(404,
                "no handler for route \"" + path + "\". route entry not found."));
        String service = SERVICE_BY_TYPE.get(m.type());
        if (service == null) {
            throw new VaultException(404, "no handler for route \"" + path + "\". route entry not found.");
        }
        return new Route.Forward(m, service, sudo);
    }

    /** Whether Arca can mount this engine or auth type. */
    public static boolean supports(String type) {
        return SERVICE_BY_TYPE.containsKey(type);
    }
}
