/** The OCSP responder (RFC 6960). */
@NullMarked
package dev.arca.pki.ocsp;

import org.jspecify.annotations.NullMarked;
