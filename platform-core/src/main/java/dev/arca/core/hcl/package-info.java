/**
 * A small, strict parser for the HCL1 subset used by Vault policies and Vault server configuration
 * files. Malformed input is always rejected with the line and column of the fault.
 */
@NullMarked
package dev.arca.core.hcl;

import org.jspecify.annotations.NullMarked;
