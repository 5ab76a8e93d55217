/** KV v2 {@code data/<path>}: read, write, patch and soft delete of secret versions. */
@NullMarked
package dev.arca.kv.data;

import org.jspecify.annotations.NullMarked;
