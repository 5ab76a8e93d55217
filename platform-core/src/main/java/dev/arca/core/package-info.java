/**
 * Arca's platform core: what every service shares. Vault's wire envelope and errors ({@code api}),
 * the gateway-signed request context ({@code context}), the storage barrier ({@code barrier}),
 * the seal SPI ({@code seal}) and cache invalidation over PostgreSQL ({@code events}).
 */
@NullMarked
package dev.arca.core;

import org.jspecify.annotations.NullMarked;
