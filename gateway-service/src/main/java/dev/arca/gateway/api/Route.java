package dev.arca.gateway.api;

import dev.arca.gateway.catalog.Catalog;
import dev.arca.gateway.mount.Mount;
import org.jspecify.annotations.Nullable;

/** Where a path goes: a local system handler or an internal service, under a mount. */
public sealed interface Route {

    Mount mount();

    /** Whether the path is one of Vault's root-protected paths that also need {@code sudo}. */
    boolean sudo();

    /** Answered by the gateway. */
    record Local(Mount mount, LocalHandler handler, boolean sudo) implements Route {
    }

    /**
     * Forwarded to the service running the backend.
     *
     * @param unauthenticated the path needs no token (e.g. a login)
     * @param existenceCheck  a write is a create or an update depending on whether its target exists
     */
    record Forward(Mount mount, Catalog.Entry backend, boolean sudo, boolean unauthenticated, boolean existenceCheck)
            implements Route {

        public String service() {
            return backend.info().service();
        }
    }

    /** The route's backend, or null for the gateway's own handlers. */
    default Catalog.@Nullable Entry backend() {
        return this instanceof Forward f ? f.backend() : null;
    }
}
