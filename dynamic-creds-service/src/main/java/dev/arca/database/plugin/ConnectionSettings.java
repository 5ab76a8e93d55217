package dev.arca.database.plugin;

import java.time.Duration;

/**
 * What a plugin needs to open its pool: the connection URL as the operator wrote it (with
 * {@code {{username}}} and {@code {{password}}} placeholders or without credentials), the root
 * credentials, and the pool's limits.
 *
 * @param name           the connection's name, for error messages and the pool's name
 * @param connectTimeout how long a connection attempt may take before the call fails
 */
public record ConnectionSettings(String name, String connectionUrl, String username, String password, int maxOpenConnections,
        int maxIdleConnections, Duration maxConnectionLifetime, Duration connectTimeout) {

    @Override
    public String toString() {
        // never the password
        return "ConnectionSettings[" + name + "]";
    }
}
