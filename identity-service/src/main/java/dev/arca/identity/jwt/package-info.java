/**
 * The {@code jwt} auth method (also mounted as {@code oidc}): logins with a JWT verified against
 * static keys, a JWKS URL or an OIDC provider's discovery, and the OIDC browser flow
 * ({@code oidc/auth_url}, {@code oidc/callback}) with state, nonce and PKCE.
 */
@NullMarked
package dev.arca.identity.jwt;

import org.jspecify.annotations.NullMarked;
