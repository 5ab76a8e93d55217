/** Dynamic roles ({@code roles/<name>}): the statements and TTLs of issued users. */
@NullMarked
package dev.arca.database.roles;

import org.jspecify.annotations.NullMarked;
