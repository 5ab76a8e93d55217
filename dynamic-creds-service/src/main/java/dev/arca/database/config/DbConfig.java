package dev.arca.database.config;

import dev.arca.database.plugin.ConnectionSettings;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A connection ({@code config/<name>}) as stored, sealed by the barrier: it holds the root password.
 *
 * @param maxConnectionLifetime seconds, 0 for no limit
 */
public record DbConfig(String pluginName, String connectionUrl, String username, String password, List<String> allowedRoles,
        boolean verifyConnection, int maxOpenConnections, int maxIdleConnections, long maxConnectionLifetime, String passwordPolicy,
        String usernameTemplate, List<String> rootRotationStatements, @Nullable String passwordAuthentication) {

    public DbConfig {
        allowedRoles = List.copyOf(allowedRoles);
        // rows stored before the setting existed
        passwordAuthentication = passwordAuthentication == null ? ConnectionSettings.PLAIN : passwordAuthentication;
        rootRotationStatements = List.copyOf(rootRotationStatements);
    }

    public DbConfig withPassword(String newPassword) {
        return new DbConfig(pluginName, connectionUrl, username, newPassword, allowedRoles, verifyConnection, maxOpenConnections,
                maxIdleConnections, maxConnectionLifetime, passwordPolicy, usernameTemplate, rootRotationStatements, passwordAuthentication);
    }

    /** Whether {@code role} matches one of the allowed roles ({@code *} globs, as Vault's). */
    public boolean allows(String role) {
        for (String pattern : allowedRoles) {
            if (glob(pattern, role)) {
                return true;
            }
        }
        return false;
    }

    static boolean glob(String pattern, String value) {
        // iterative wildcard match: linear in practice, no regular expression built from input
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return "DbConfig[" + pluginName + "]";
    }
}
