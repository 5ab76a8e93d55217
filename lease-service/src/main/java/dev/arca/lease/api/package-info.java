/** Vault's {@code sys/leases} paths (and the old {@code sys/renew}, {@code sys/revoke*}) as a system backend, and the internal endpoints engines call. */
@NullMarked
package dev.arca.lease.api;

import org.jspecify.annotations.NullMarked;
