package dev.arca.database.plugin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * {@code postgresql-database-plugin}: PostgreSQL through the PostgreSQL JDBC driver. Connection URLs
 * as Vault takes them ({@code postgresql://{{username}}:{{password}}@host:5432/db?sslmode=disable}) or
 * as JDBC URLs. Identifiers are double-quoted and literals single-quoted with the quote doubled
 * (every pooled connection sets {@code standard_conforming_strings}, so a backslash is plain text).
 * Changes to users and grants are serialized on the server by a transaction-scoped advisory lock:
 * concurrent {@code GRANT}s on one object fail in PostgreSQL rather than wait. Each change is sent in
 * one round trip ({@link #pipelined()}), so the lock is never held while the server waits for Arca.
 */
public final class PostgresPlugin extends SqlPlugin {

    public static final String NAME = "postgresql-database-plugin";

    /** Vault's default for PostgreSQL. */
    static final String USERNAME_TEMPLATE =
            "{{ printf \"v-%s-%s-%s-%s\" (.DisplayName | truncate 8) (.RoleName | truncate 8) (random 20) (unix_time) | truncate 63 }}";

    @Override
    protected String jdbcUrl(String connectionUrl) {
        String url = connectionUrl.trim();
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        for (String scheme : List.of("postgresql://", "postgres://")) {
            if (url.startsWith(scheme)) {
                return "jdbc:postgresql://" + url.substring(scheme.length());
            }
        }
        throw new IllegalArgumentException("connection_url must be a postgresql:// or jdbc:postgresql: URL");
    }

    @Override
    protected Properties driverProperties(long connectTimeoutMs) {
        Properties p = new Properties();
        long seconds = Math.max(1, (connectTimeoutMs + 999) / 1000);
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        // a statement waiting on a dead server ends; generous for slow DDL
        p.setProperty("socketTimeout", Long.toString(Math.max(30, seconds * 6)));
        p.setProperty("ApplicationName", "arca");
        return p;
    }

    /**
     * PostgreSQL's SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$4096:salt$StoredKey:ServerKey}), which
     * {@code PASSWORD '…'} stores as it is: the server never sees the password, and the PBKDF2 work is done
     * here, outside the server's lock. A password that is not plain ASCII goes as it is: the server
     * normalises such passwords (SASLprep) before hashing them.
     */
    @Override
    protected String hashed(String password) {
        return Scram.verifier(password);
    }

    @Override
    protected String connectionInitSql() {
        return "SET standard_conforming_strings = on";
    }

    @Override
    public String quoted(String placeholder, char quote, String value) {
        if (placeholder.equals("name") || placeholder.equals("username")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return literal(value);
    }

    @Override
    public String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    protected List<String> defaultRevocation() {
        // what is owned moves to the administrator; grants and default privileges go with DROP OWNED
        return List.of("REASSIGN OWNED BY {{name}} TO CURRENT_USER; DROP OWNED BY {{name}}; DROP ROLE IF EXISTS {{name}}");
    }

    @Override
    protected List<String> defaultRenewal() {
        return List.of("ALTER ROLE {{name}} VALID UNTIL {{expiration}}");
    }

    @Override
    protected List<String> defaultPasswordChange() {
        return List.of("ALTER ROLE {{name}} WITH PASSWORD {{password}}");
    }

    /** One lock for every user change Arca makes on the server; 0x41726361 is "Arca". */
    @Override
    protected void beforeUserChange(Script script) throws SQLException {
        script.add("SELECT pg_advisory_xact_lock(1098015585, 1)");
    }

    /**
     * A change's statements go in one round trip: the driver sends them with a single {@code Sync}, and
     * PostgreSQL runs the statements before a {@code Sync} outside {@code BEGIN} as one implicit
     * transaction, committed at the {@code Sync} or, if one fails, rolled back whole. The advisory lock,
     * taken by the first of them, is held while the server runs them and commits, never across a round trip.
     */
    @Override
    protected boolean pipelined() {
        return true;
    }

    @Override
    protected void endSessions(Connection c, Script script, String username) throws SQLException {
        script.add("ALTER ROLE " + quoted("name", '"', username) + " NOLOGIN");
        script.add("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = " + literal(username));
    }

    @Override
    protected String userExistsQuery() {
        return "SELECT 1 FROM pg_roles WHERE rolname = ?";
    }

    @Override
    public UsernameRules usernames() {
        return new UsernameRules(USERNAME_TEMPLATE, 63);
    }
}
