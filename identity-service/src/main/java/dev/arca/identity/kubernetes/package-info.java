/**
 * The {@code kubernetes} auth method: pods log in with their service account token, verified by the
 * API server's TokenReview or locally against configured public keys, and bound to roles by service
 * account name, namespace (or namespace labels) and audience.
 */
@NullMarked
package dev.arca.identity.kubernetes;

import org.jspecify.annotations.NullMarked;
