/**
 * Vault's token auth method ({@code auth/token/*}) and the token authority the gateway asks
 * ({@code /internal/tokens/*}). Tokens are stored only as HMAC-SHA256 under a barrier-encrypted key.
 */
@NullMarked
package dev.arca.identity.token;

import org.jspecify.annotations.NullMarked;
