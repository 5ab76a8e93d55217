/** Connections ({@code config/<name>}, {@code reset}, {@code rotate-root}) and the open plugin of each. */
@NullMarked
package dev.arca.database.config;

import org.jspecify.annotations.NullMarked;
