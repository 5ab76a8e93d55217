/** hash and random, which need no key. */
@NullMarked
package dev.arca.transit.util;

import org.jspecify.annotations.NullMarked;
