package dev.arca.database.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code mysql-database-plugin} and its flavours, for MySQL and MariaDB through the MariaDB JDBC
 * driver. Connection URLs as Vault takes them (Go's {@code {{username}}:{{password}}@tcp(host:3306)/db})
 * or as {@code jdbc:mysql:}/{@code jdbc:mariadb:} URLs. User names are string literals
 * ({@code '{{name}}'@'%'}); literals escape the quote and the backslash, and every pooled connection
 * clears {@code NO_BACKSLASH_ESCAPES} so the escape means what it says. Each flavour has Vault's limit
 * on user names: 32 characters, 16 for the legacy, RDS and Aurora flavours.
 */
public final class MysqlPlugin extends SqlPlugin {

    /** The plugin names and their limits. */
    public enum Flavour {
        MYSQL("mysql-database-plugin", 32,
                "{{ printf \"v-%s-%s-%s-%s\" (.DisplayName | truncate 10) (.RoleName | truncate 10) (random 20) (unix_time) | truncate 32 }}"),
        LEGACY("mysql-legacy-database-plugin", 16, Flavour.LEGACY_TEMPLATE),
        RDS("mysql-rds-database-plugin", 16, Flavour.LEGACY_TEMPLATE),
        AURORA("mysql-aurora-database-plugin", 16, Flavour.LEGACY_TEMPLATE);

        private static final String LEGACY_TEMPLATE = "{{ printf \"v-%s-%s\" (.RoleName | truncate 4) (random 20) | truncate 16 }}";

        private final String pluginName;
        private final int maxLength;
        private final String template;

        Flavour(String pluginName, int maxLength, String template) {
            this.pluginName = pluginName;
            this.maxLength = maxLength;
            this.template = template;
        }

        public String pluginName() {
            return pluginName;
        }
    }

    private final Flavour flavour;

    public MysqlPlugin(Flavour flavour) {
        this.flavour = flavour;
    }

    @Override
    protected String jdbcUrl(String connectionUrl) {
        String url = connectionUrl.trim();
        if (url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        // Go's DSN: [user[:password]@][protocol[(address)]]/dbname[?params]
        int slash = url.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("connection_url must be a DSN such as {{username}}:{{password}}@tcp(host:3306)/ "
                    + "or a jdbc:mysql: URL");
        }
        String address = url.substring(0, slash);
        String rest = url.substring(slash + 1);
        String host = "localhost:3306";
        if (address.startsWith("tcp(") && address.endsWith(")")) {
            host = address.substring(4, address.length() - 1);
        } else if (!address.isEmpty() && !address.equals("tcp")) {
            throw new IllegalArgumentException("connection_url: only tcp addresses are supported");
        }
        return "jdbc:mariadb://" + host + "/" + rest;
    }

    @Override
    protected Properties driverProperties(long connectTimeoutMs) {
        Properties p = new Properties();
        p.setProperty("connectTimeout", Long.toString(connectTimeoutMs));
        p.setProperty("socketTimeout", Long.toString(Math.max(30_000, connectTimeoutMs * 6)));
        return p;
    }

    @Override
    protected String connectionInitSql() {
        return "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')";
    }

    @Override
    public String quoted(String placeholder, char quote, String value) {
        if (quote == '`') {
            return "`" + value.replace("`", "``") + "`";
        }
        return literal(value);
    }

    @Override
    public String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    protected List<String> defaultRevocation() {
        return List.of("REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{{name}}'@'%'; DROP USER IF EXISTS '{{name}}'@'%'");
    }

    @Override
    protected List<String> defaultRenewal() {
        return List.of();
    }

    @Override
    protected List<String> defaultPasswordChange() {
        return List.of("ALTER USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'");
    }

    @Override
    protected void endSessions(Connection c, Script script, String username) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT Host FROM mysql.user WHERE User = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hosts.add(rs.getString(1));
                }
            }
        }
        List<Long> sessions = new ArrayList<>();
        for (String host : hosts) {
            script.add("ALTER USER " + literal(username) + "@" + literal(host) + " ACCOUNT LOCK");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(rs.getLong(1));
                }
            }
        }
        for (long id : sessions) {
            try {
                script.add("KILL CONNECTION " + id);
            } catch (SQLException gone) {
                // the session ended on its own meanwhile (this plugin runs each statement as it is added)
            }
        }
    }

    @Override
    protected String userExistsQuery() {
        return "SELECT 1 FROM mysql.user WHERE User = ?";
    }

    @Override
    public UsernameRules usernames() {
        return new UsernameRules(flavour.template, flavour.maxLength);
    }
}
