/** Roles: what a role lets {@code issue} and {@code sign} put in a certificate. */
@NullMarked
package dev.arca.pki.roles;

import org.jspecify.annotations.NullMarked;
