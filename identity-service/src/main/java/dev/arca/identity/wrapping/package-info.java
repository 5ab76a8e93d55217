/**
 * Response wrapping: a response kept in a single-use wrapping token's cubbyhole
 * ({@code sys/wrapping/wrap}, {@code unwrap}, {@code lookup}, {@code rewrap}, and the gateway's
 * {@code X-Vault-Wrap-TTL}).
 */
@NullMarked
package dev.arca.identity.wrapping;

import org.jspecify.annotations.NullMarked;
