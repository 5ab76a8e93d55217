/** sign, verify and hmac. */
@NullMarked
package dev.arca.transit.sign;

import org.jspecify.annotations.NullMarked;
