/** Password policies ({@code sys/policies/password}): Vault's HCL, parsing and generation. */
@NullMarked
package dev.arca.database.password;

import org.jspecify.annotations.NullMarked;
