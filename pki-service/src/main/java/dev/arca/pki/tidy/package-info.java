/** Tidy: removal of expired certificates from the store. */
@NullMarked
package dev.arca.pki.tidy;

import org.jspecify.annotations.NullMarked;
