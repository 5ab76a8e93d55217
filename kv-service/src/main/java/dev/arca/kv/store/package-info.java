/** Storage of the versioned engine and of mount configuration: plain JDBC, secret values through the barrier. */
@NullMarked
package dev.arca.kv.store;

import org.jspecify.annotations.NullMarked;
