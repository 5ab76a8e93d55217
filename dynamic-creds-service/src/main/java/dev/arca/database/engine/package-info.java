/** The {@code database} backend: its path families, secret type and mount hooks. */
@NullMarked
package dev.arca.database.engine;

import org.jspecify.annotations.NullMarked;
