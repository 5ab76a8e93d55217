package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Descriptors.BackendInfo;
import dev.arca.core.backend.Descriptors.PathInfo;
import dev.arca.core.backend.Operation;
import dev.arca.core.backend.SpecialPaths;
import dev.arca.gateway.catalog.Catalog;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.mount.MountTable;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Maps a path to its route: the gateway's own system handlers, the system paths a service's backend
 * owns, or the mount table's longest prefix and the service running the mount's backend. What is
 * special about a path (no token needed, sudo, existence check) comes from the backend's catalog entry.
 */
@Component
public class Router {

    /** The gateway's own root-protected system paths (the services' come from the catalog). */
    private static final List<String> LOCAL_SUDO = List.of("rotate", "seal", "auth/*", "raw", "raw/*", "remount");

    private final LocalRoutes local = new LocalRoutes();
    private final MountTable mounts;
    private final Catalog catalog;

    public Router(MountTable mounts, Catalog catalog, List<LocalRoutes.Registrar> registrars) {
        this.mounts = mounts;
        this.catalog = catalog;
        registrars.forEach(r -> r.register(local));
    }

    /**
     * The route of a path, or empty when nothing serves it.
     *
     * @throws VaultException 405 for a local system path that does not answer the operation
     */
    public Optional<Route> route(String path, Operation op) {
        if (path.equals("sys") || path.startsWith("sys/")) {
            Mount sys = mounts.get("sys/").orElseThrow(() -> new IllegalStateException("the sys/ mount is missing"));
            String relative = path.length() > 4 ? path.substring(4) : "";
            if (local.claims(path)) {
                LocalHandler h = local.find(path, op);
                if (h == null) {
                    throw VaultException.unsupportedOperation();
                }
                return Optional.of(new Route.Local(sys, h, SpecialPaths.matches(LOCAL_SUDO, relative)));
            }
            return catalog.system(path).map(b -> forward(sys, b, relative, op));
        }
        return mounts.resolve(path).flatMap(m -> catalog.type(m.type())
                .map(b -> forward(m, b, path.substring(Math.min(path.length(), m.path().length())), op)));
    }

    private static Route forward(Mount mount, Catalog.Entry backend, String relative, Operation op) {
        BackendInfo info = backend.info();
        boolean existence = false;
        if (op == Operation.UPDATE) {
            PathInfo family = backend.family(relative, mount.options());
            existence = family != null && family.existenceCheck();
        }
        return new Route.Forward(mount, backend, SpecialPaths.matches(info.sudo(), relative),
                SpecialPaths.matches(info.unauthenticated(), relative), existence);
    }
}
