/** Append-only, hash-chained audit store and audit devices. */
@NullMarked
package dev.arca.audit;

import org.jspecify.annotations.NullMarked;
