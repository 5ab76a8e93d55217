/** Key policies at rest (barrier-sealed, row-bound) and the in-memory cache held only while unsealed. */
@NullMarked
package dev.arca.transit.store;

import org.jspecify.annotations.NullMarked;
