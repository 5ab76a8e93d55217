/** PKI secrets engine: an internal certificate authority speaking Vault's {@code pki} API. */
@NullMarked
package dev.arca.pki;

import org.jspecify.annotations.NullMarked;
