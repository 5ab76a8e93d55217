/** Static roles: existing users whose passwords Arca rotates ({@code static-roles}, {@code static-creds}, {@code rotate-role}). */
@NullMarked
package dev.arca.database.statics;

import org.jspecify.annotations.NullMarked;
