/** The {@code cert} auth method: login with a TLS client certificate verified against trusted certificates. */
@NullMarked
package dev.arca.identity.cert;

import org.jspecify.annotations.NullMarked;
