/** KV v2 {@code config}: mount-wide max_versions, cas_required and delete_version_after. */
@NullMarked
package dev.arca.kv.config;

import org.jspecify.annotations.NullMarked;
