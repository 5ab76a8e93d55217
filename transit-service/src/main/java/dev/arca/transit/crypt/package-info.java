/** encrypt, decrypt, rewrap and datakey, single and batch. */
@NullMarked
package dev.arca.transit.crypt;

import org.jspecify.annotations.NullMarked;
