/** Registration, lookup and renewal of leases, and the calls to the owning backends that renew and revoke them. */
@NullMarked
package dev.arca.lease.registry;

import org.jspecify.annotations.NullMarked;
