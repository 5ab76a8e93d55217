/** X.509 through BouncyCastle: key generation, certificate and CSR building, PEM, serial numbers. */
@NullMarked
package dev.arca.pki.x509;

import org.jspecify.annotations.NullMarked;
