/** keys/, keys/<name>, its config, rotate and trim. */
@NullMarked
package dev.arca.transit.keys;

import org.jspecify.annotations.NullMarked;
