/** KV version 1: one unversioned value per path. */
@NullMarked
package dev.arca.kv.v1;

import org.jspecify.annotations.NullMarked;
