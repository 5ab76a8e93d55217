/**
 * Leases as engines see them: the one TTL rule shared by tokens and leases ({@link dev.arca.core.lease.Ttl}),
 * and the client an engine registers a lease with before a secret leaves it ({@link dev.arca.core.lease.LeaseClient}).
 */
@NullMarked
package dev.arca.core.lease;

import org.jspecify.annotations.NullMarked;
