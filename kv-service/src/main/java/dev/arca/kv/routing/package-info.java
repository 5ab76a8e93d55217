/** Dispatch of every {@code /v1/**} call on a KV mount to the path family that owns it. */
@NullMarked
package dev.arca.kv.routing;

import org.jspecify.annotations.NullMarked;
