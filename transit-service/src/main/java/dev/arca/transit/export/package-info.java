/** export, backup and restore of key material. */
@NullMarked
package dev.arca.transit.export;

import org.jspecify.annotations.NullMarked;
