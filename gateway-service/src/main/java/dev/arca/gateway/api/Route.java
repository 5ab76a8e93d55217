package dev.arca.gateway.api;

import dev.arca.gateway.mount.Mount;

/** Where a path goes: a local system handler or an internal service, under a mount. */
public sealed interface Route {

    Mount mount();

    /** Whether the path is one of Vault's root-protected paths that also need {@code sudo}. */
    boolean sudo();

    /** Answered by the gateway. */
    record Local(Mount mount, LocalHandler handler, boolean sudo) implements Route {
    }

    /** Forwarded to a service. */
    record Forward(Mount mount, String service, boolean sudo) implements Route {
    }
}
