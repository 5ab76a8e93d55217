/** The {@code cubbyhole} engine: per-token private storage. */
@NullMarked
package dev.arca.identity.cubbyhole;

import org.jspecify.annotations.NullMarked;
