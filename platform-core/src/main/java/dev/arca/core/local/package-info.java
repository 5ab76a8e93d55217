/**
 * In-process calls between services that run in one JVM ({@code arca dev}, {@code arca server}): the
 * caller hands a service the same call it would send over HTTP, without the network, the web stack or
 * the signed context, which only protect a call that crosses a process boundary.
 */
@NullMarked
package dev.arca.core.local;

import org.jspecify.annotations.NullMarked;
