/** The {@code approle} auth method. */
@NullMarked
package dev.arca.identity.approle;

import org.jspecify.annotations.NullMarked;
