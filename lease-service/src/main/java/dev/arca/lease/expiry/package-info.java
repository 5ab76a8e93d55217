/** Revocation: of one lease through its owning backend, of due leases by the scheduler (claimed with {@code SKIP LOCKED}), and of the leases of revoked tokens. */
@NullMarked
package dev.arca.lease.expiry;

import org.jspecify.annotations.NullMarked;
