/** cache-config. */
@NullMarked
package dev.arca.transit.cache;

import org.jspecify.annotations.NullMarked;
