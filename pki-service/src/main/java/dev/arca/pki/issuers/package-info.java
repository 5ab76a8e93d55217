/** The CA hierarchy: root and intermediate generation, signing intermediates and self-issued certificates, importing signed certificates, issuer management and the default issuer. */
@NullMarked
package dev.arca.pki.issuers;

import org.jspecify.annotations.NullMarked;
