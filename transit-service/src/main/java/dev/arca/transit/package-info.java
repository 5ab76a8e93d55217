/** Transit secrets engine: encryption, signing and hashing with keys that never leave Arca. */
@NullMarked
package dev.arca.transit;

import org.jspecify.annotations.NullMarked;
