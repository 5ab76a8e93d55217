/**
 * ACME (RFC 8555) on a pki mount, as Vault's PKI ACME: {@code config/acme}, the directory and its
 * resources under {@code acme/} (and the role- and issuer-bound directories), JWS-authenticated with
 * single-use nonces, {@code http-01} validation, and finalize through the same signing path as
 * {@code sign/<role>} or {@code sign-verbatim}.
 */
@NullMarked
package dev.arca.pki.acme;

import org.jspecify.annotations.NullMarked;
