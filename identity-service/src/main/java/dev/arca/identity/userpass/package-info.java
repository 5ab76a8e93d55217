/** The {@code userpass} auth method. */
@NullMarked
package dev.arca.identity.userpass;

import org.jspecify.annotations.NullMarked;
