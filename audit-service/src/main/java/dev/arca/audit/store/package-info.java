/** The append-only, hash-chained audit store: group commit, chain hashing and verification. */
@NullMarked
package dev.arca.audit.store;

import org.jspecify.annotations.NullMarked;
