/** Revocation and the certificate store: {@code revoke}, {@code revoke-with-key}, {@code cert/<serial>}, {@code certs}. */
@NullMarked
package dev.arca.pki.revoke;

import org.jspecify.annotations.NullMarked;
