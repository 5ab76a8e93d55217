/**
 * lease-service: the registry of every secret issued with a TTL, Vault's {@code sys/leases} API,
 * expiry-driven revocation through the owning backend, and revocation of the leases of revoked
 * tokens and disabled mounts.
 */
@NullMarked
package dev.arca.lease;

import org.jspecify.annotations.NullMarked;
