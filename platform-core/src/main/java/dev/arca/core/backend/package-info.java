/**
 * The backends framework: every secrets engine and auth method is a {@link dev.arca.core.backend.Backend}
 * made of {@link dev.arca.core.backend.PathFamily path families} (pattern, typed fields, operations,
 * existence check, help), served by one {@link dev.arca.core.backend.BackendDispatcher} per service and
 * published to the gateway as a catalog. Modelled on OpenBao's {@code logical.Backend} and
 * {@code framework.Path}.
 */
@NullMarked
package dev.arca.core.backend;

import org.jspecify.annotations.NullMarked;
