/** CRLs (complete and delta) and the unauthenticated CA and CRL reads. */
@NullMarked
package dev.arca.pki.crl;

import org.jspecify.annotations.NullMarked;
