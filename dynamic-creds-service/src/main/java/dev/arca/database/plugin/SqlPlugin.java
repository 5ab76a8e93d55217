package dev.arca.database.plugin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What the SQL plugins share: a HikariCP pool per connection over the database's official JDBC driver,
 * statements run in one transaction each call, and errors reported with every secret of the call
 * removed. A subclass supplies the JDBC URL, the quoting and the default statements of its database.
 */
public abstract class SqlPlugin implements DatabasePlugin, Statements.Quoting {

    /** Vault's expiration format ({@code 2006-01-02 15:04:05-0700}), in UTC. */
    static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx").withZone(ZoneOffset.UTC);

    private @Nullable HikariDataSource pool;
    private String name = "";
    private String rootPassword = "";
    private String passwordAuthentication = ConnectionSettings.PLAIN;

    /** The JDBC URL of a connection URL in the form operators write for Vault, without credentials. */
    protected abstract String jdbcUrl(String connectionUrl);

    /** Driver properties: timeouts so an unreachable database fails fast instead of hanging. */
    protected abstract Properties driverProperties(long connectTimeoutMs);

    /** SQL run on every new pooled connection, or null. */
    protected @Nullable String connectionInitSql() {
        return null;
    }

    protected abstract List<String> defaultRevocation();

    protected abstract List<String> defaultRenewal();

    protected abstract List<String> defaultPasswordChange();

    /** Stops new logins of the user and ends its open sessions, before its revocation statements run. */
    protected abstract void endSessions(Connection c, Script script, String username) throws SQLException;

    protected abstract String userExistsQuery();

    /**
     * Added first to every change of users or grants: a database whose concurrent grant changes fail
     * instead of waiting (PostgreSQL: "tuple concurrently updated") makes them queue here.
     */
    protected void beforeUserChange(Script script) throws SQLException {
    }

    /**
     * Whether a change's statements go to the database together, in one round trip that is one
     * transaction (the server commits them all or none), instead of one by one inside an explicit
     * transaction. A lock the change takes first is then held only while the server runs them.
     */
    protected boolean pipelined() {
        return false;
    }

    /** The statements of one change of users or grants, run in order in one transaction. */
    protected interface Script {
        /** Adds a statement: run now, or with the rest when the plugin is {@link #pipelined()}. */
        void add(String sql) throws SQLException;
    }

    /** A change of users or grants: it may query the connection, and adds its statements to the script. */
    private interface Change {
        void run(Connection c, Script script) throws SQLException;
    }

    @Override
    public void initialize(ConnectionSettings settings, boolean verify) {
        this.name = settings.name();
        this.rootPassword = settings.password();
        this.passwordAuthentication = settings.passwordAuthentication();
        UrlCredentials url = UrlCredentials.parse(settings.connectionUrl());
        HikariConfig config = new HikariConfig();
        String jdbc;
        try {
            jdbc = jdbcUrl(url.withoutCredentials());
        } catch (IllegalArgumentException e) {
            throw new DatabaseException(name, "connect", e.getMessage());
        }
        config.setJdbcUrl(jdbc);
        String user = settings.username().isEmpty() ? url.username() : settings.username();
        String password = settings.password().isEmpty() ? url.password() : settings.password();
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
            this.rootPassword = password;
        }
        long timeout = Math.max(250, settings.connectTimeout().toMillis());
        config.setDataSourceProperties(driverProperties(timeout));
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.max(250, Math.min(timeout, 5000)));
        config.setMaximumPoolSize(Math.max(1, settings.maxOpenConnections()));
        config.setMinimumIdle(Math.max(0, Math.min(settings.maxIdleConnections(), settings.maxOpenConnections())));
        long lifetime = settings.maxConnectionLifetime().toMillis();
        // Hikari's floor is 30 s; 0 is "no limit" as in Vault
        config.setMaxLifetime(lifetime == 0 ? 0 : Math.max(30_000, lifetime));
        config.setInitializationFailTimeout(-1);
        config.setPoolName("database-" + name.replaceAll("[^A-Za-z0-9_.-]", "_"));
        String init = connectionInitSql();
        if (init != null) {
            config.setConnectionInitSql(init);
        }
        this.pool = new HikariDataSource(config);
        if (verify) {
            try (Connection c = pool.getConnection()) {
                if (!c.isValid((int) Math.max(1, timeout / 1000))) {
                    throw new SQLException("the connection is not valid");
                }
            } catch (SQLException e) {
                close();
                throw failure("verify the connection", e, Map.of());
            }
        }
    }

    @Override
    public void newUser(String username, String password, Instant expiration, List<String> statements) {
        run("create the user", statements, values(username, stored(password), expiration));
    }

    @Override
    public void updateUser(String username, @Nullable String password, List<String> passwordStatements, @Nullable Instant expiration,
            List<String> expirationStatements) {
        if (password != null) {
            run("change the password", passwordStatements.isEmpty() ? defaultPasswordChange() : passwordStatements,
                    values(username, stored(password), null));
        }
        if (expiration != null) {
            List<String> statements = expirationStatements.isEmpty() ? defaultRenewal() : expirationStatements;
            if (!statements.isEmpty()) {
                run("renew the user", statements, values(username, null, expiration));
            }
        }
    }

    @Override
    public void deleteUser(String username, List<String> statements) {
        Map<String, String> values = values(username, null, null);
        change("revoke the user", values, (c, script) -> {
            if (!exists(c, username)) {
                return;
            }
            beforeUserChange(script);
            endSessions(c, script, username);
            add(script, statements.isEmpty() ? defaultRevocation() : statements, values);
        });
    }

    @Override
    public boolean userExists(String username) {
        boolean[] found = new boolean[1];
        withConnection("look up the user", Map.of(), c -> found[0] = exists(c, username));
        return found[0];
    }

    private boolean exists(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(userExistsQuery())) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void run(String doing, List<String> statements, Map<String, String> values) {
        change(doing, values, (c, script) -> {
            beforeUserChange(script);
            add(script, statements, values);
        });
    }

    private void add(Script script, List<String> statements, Map<String, String> values) throws SQLException {
        List<String> sql;
        try {
            sql = Statements.render(statements, values, this);
        } catch (IllegalArgumentException e) {
            throw new SQLException(e.getMessage(), "22023");
        }
        for (String one : sql) {
            script.add(one);
        }
    }

    /**
     * Runs a change in one transaction: statement by statement between {@code BEGIN} and {@code COMMIT},
     * or, {@link #pipelined()}, all of them sent at once as one implicit transaction (a line break
     * after each, so that a statement's trailing comment ends before the separator).
     */
    private void change(String doing, Map<String, String> secrets, Change change) {
        if (!pipelined()) {
            inTransaction(doing, secrets, c -> {
                try (Statement s = c.createStatement()) {
                    change.run(c, s::execute);
                }
            });
            return;
        }
        withConnection(doing, secrets, c -> {
            List<String> sql = new ArrayList<>();
            change.run(c, sql::add);
            if (!sql.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    s.execute(String.join("\n;\n", sql));
                }
            }
        });
    }

    /**
     * What {@code {{password}}} becomes: the password, or what the database stores for it when the
     * connection's {@code password_authentication} asks the plugin to hash it.
     */
    private String stored(String password) {
        return passwordAuthentication.equals(ConnectionSettings.SCRAM) ? hashed(password) : password;
    }

    /** The stored form of a password for {@link ConnectionSettings#SCRAM}; plugins without one refuse it at initialize. */
    protected String hashed(String password) {
        return password;
    }

    /** Work on one connection. */
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String doing, Map<String, String> secrets, Work work) {
        withConnection(doing, secrets, c -> {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    /** Work on a pooled connection in auto-commit mode; failures reported without the call's secrets. */
    private void withConnection(String doing, Map<String, String> secrets, Work work) {
        HikariDataSource p = pool;
        if (p == null) {
            throw new DatabaseException(name, doing, "the connection is closed");
        }
        try (Connection c = p.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw failure(doing, e, secrets);
        }
    }

    /** The failure as the caller may see it: the driver's message with the call's secrets and the root password removed. */
    private DatabaseException failure(String doing, SQLException e, Map<String, String> secrets) {
        String detail = String.valueOf(e.getMessage());
        if (e.getCause() != null && e.getCause().getMessage() != null && !detail.contains(e.getCause().getMessage())) {
            detail = detail + ": " + e.getCause().getMessage();
        }
        List<String> hidden = new ArrayList<>();
        String password = secrets.get("password");
        for (String secret : password == null ? List.of(rootPassword) : List.of(rootPassword, password)) {
            // as sent and as it appears inside a quoted literal in the database's own message
            hidden.add(literal(secret));
            hidden.add(secret);
        }
        for (String secret : hidden) {
            if (secret.length() > 2) {
                detail = detail.replace(secret, "[redacted]");
            }
        }
        return new DatabaseException(name, doing, detail);
    }

    private static Map<String, String> values(String username, @Nullable String password, @Nullable Instant expiration) {
        Map<String, String> v = new HashMap<>();
        v.put("name", username);
        v.put("username", username);
        if (password != null) {
            v.put("password", password);
        }
        if (expiration != null) {
            v.put("expiration", EXPIRATION.format(expiration));
        }
        return v;
    }

    @Override
    public void close() {
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
    }
}
