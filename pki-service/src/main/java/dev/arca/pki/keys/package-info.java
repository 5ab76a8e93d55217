/** Issuer keys: list, read, rename, delete, and the default key. */
@NullMarked
package dev.arca.pki.keys;

import org.jspecify.annotations.NullMarked;
