package dev.arca.database.plugin;

import java.time.Duration;

/**
 * What a plugin needs to open its pool: the connection URL as the operator wrote it (with
 * {@code {{username}}} and {@code {{password}}} placeholders or without credentials), the root
 * credentials, and the pool's limits.
 *
 * @param name           the connection's name, for error messages and the pool's name
 * @param connectTimeout how long a connection attempt may take before the call fails
 * @param passwordAuthentication {@link #PLAIN} or {@link #SCRAM} (PostgreSQL only)
 */
public record ConnectionSettings(String name, String connectionUrl, String username, String password, int maxOpenConnections,
        int maxIdleConnections, Duration maxConnectionLifetime, Duration connectTimeout, String passwordAuthentication) {

    /** {@code password_authentication}: the server hashes the password it is given (Vault's default). */
    public static final String PLAIN = "password";
    /** {@code password_authentication}: the plugin sends a SCRAM-SHA-256 verifier, never the password. */
    public static final String SCRAM = "scram-sha-256";

    @Override
    public String toString() {
        // never the password
        return "ConnectionSettings[" + name + "]";
    }
}
