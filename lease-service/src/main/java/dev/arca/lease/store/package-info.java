/** Lease records in the {@code lease} schema, revocation data encrypted by the barrier. */
@NullMarked
package dev.arca.lease.store;

import org.jspecify.annotations.NullMarked;
