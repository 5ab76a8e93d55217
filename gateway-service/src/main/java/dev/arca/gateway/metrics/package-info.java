/** The gateway's own meters and Vault's {@code sys/metrics}. */
@NullMarked
package dev.arca.gateway.metrics;

import org.jspecify.annotations.NullMarked;
