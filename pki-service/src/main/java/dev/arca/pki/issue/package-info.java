/** Issuing certificates: {@code issue}, {@code sign} and {@code sign-verbatim}, under a role's policy. */
@NullMarked
package dev.arca.pki.issue;

import org.jspecify.annotations.NullMarked;
