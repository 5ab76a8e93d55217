/** Vault's username templates: the subset of Go's template language they use. */
@NullMarked
package dev.arca.database.template;

import org.jspecify.annotations.NullMarked;
