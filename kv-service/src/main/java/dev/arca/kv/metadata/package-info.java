/** KV v2 {@code metadata/<path>}: key settings, custom metadata, version history, list and full delete. */
@NullMarked
package dev.arca.kv.metadata;

import org.jspecify.annotations.NullMarked;
