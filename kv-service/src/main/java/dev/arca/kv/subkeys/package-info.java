/** KV v2 {@code subkeys/<path>}: the shape of a secret with its values replaced by null. */
@NullMarked
package dev.arca.kv.subkeys;

import org.jspecify.annotations.NullMarked;
