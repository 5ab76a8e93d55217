/** The transit backend: its path families and mount lifecycle. */
@NullMarked
package dev.arca.transit.engine;

import org.jspecify.annotations.NullMarked;
