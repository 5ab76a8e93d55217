/** Database secrets engine: database users that exist only for their lease, and passwords Arca rotates. */
@NullMarked
package dev.arca.database;

import org.jspecify.annotations.NullMarked;
