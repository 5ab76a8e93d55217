package dev.arca.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database the database engine manages in a test, on the real server of the machine (PostgreSQL at
 * {@code ARCA_TEST_PG_HOST}:5432 as {@code postgres}, MariaDB at {@code ARCA_TEST_MARIADB_HOST}:3306 as
 * {@code root}; both default to 127.0.0.1): its own admin login and database with unique names,
 * dropped by {@link #close()} together with every user whose name holds {@link #token()}.
 */
public final class ManagedDatabase implements AutoCloseable {

    /** Which server. */
    public enum Kind {
        POSTGRES, MARIADB
    }

    private final Kind kind;
    private final String token;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final String host;
    private final int port;

    private ManagedDatabase(Kind kind, String token, String host, int port) {
        this.kind = kind;
        this.token = token;
        this.adminUser = "adm_" + token;
        this.adminPassword = "pw-" + UUID.randomUUID();
        this.database = "db_" + token;
        this.host = host;
        this.port = port;
    }

    /** A new admin login (superuser on PostgreSQL, all privileges with grant option on MariaDB) and database. */
    public static ManagedDatabase create(Kind kind) {
        String token = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ManagedDatabase db = kind == Kind.POSTGRES ? new ManagedDatabase(kind, token, env("ARCA_TEST_PG_HOST"), 5432)
                : new ManagedDatabase(kind, token, env("ARCA_TEST_MARIADB_HOST"), 3306);
        try (Connection c = db.server(); Statement s = c.createStatement()) {
            if (kind == Kind.POSTGRES) {
                s.execute("CREATE ROLE " + db.adminUser + " LOGIN SUPERUSER PASSWORD '" + db.adminPassword + "'");
                s.execute("CREATE DATABASE " + db.database + " OWNER " + db.adminUser);
            } else {
                s.execute("CREATE DATABASE " + db.database);
                s.execute("CREATE USER '" + db.adminUser + "'@'%' IDENTIFIED BY '" + db.adminPassword + "'");
                s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + db.adminUser + "'@'%' WITH GRANT OPTION");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the managed database", e);
        }
        return db;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? "127.0.0.1" : v;
    }

    public Kind kind() {
        return kind;
    }

    /** Unique to this database; put it in the names of users the test makes, so {@link #close()} finds them. */
    public String token() {
        return token;
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public String database() {
        return database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the database on a host and port (the server's own, or a proxy's). */
    public String jdbcUrl(String atHost, int atPort) {
        return kind == Kind.POSTGRES ? "jdbc:postgresql://" + atHost + ":" + atPort + "/" + database
                : "jdbc:mariadb://" + atHost + ":" + atPort + "/" + database;
    }

    /** The connection URL in Vault's form, with {@code {{username}}}/{@code {{password}}} placeholders. */
    public String vaultUrl(String atHost, int atPort) {
        return kind == Kind.POSTGRES ? "postgresql://{{username}}:{{password}}@" + atHost + ":" + atPort + "/" + database + "?sslmode=disable"
                : "{{username}}:{{password}}@tcp(" + atHost + ":" + atPort + ")/" + database;
    }

    /** Logs in to the managed database as a user. */
    public Connection login(String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(host, port), user, password);
    }

    /**
     * Whether the server would take this password for the user. MariaDB is asked by logging in;
     * PostgreSQL here trusts loopback logins, so its stored SCRAM verifier is checked against the password.
     */
    public boolean passwordWorks(String user, String password) throws SQLException {
        if (kind == Kind.MARIADB) {
            try (Connection c = login(user, password)) {
                return true;
            } catch (SQLException refused) {
                return false;
            }
        }
        List<String> verifier = query("SELECT rolpassword FROM pg_authid WHERE rolname = ?", user);
        return !verifier.isEmpty() && verifier.get(0) != null && Scram.matches(verifier.get(0), password);
    }

    public Connection admin() throws SQLException {
        return login(adminUser, adminPassword);
    }

    /** The server's superuser, outside the managed database. */
    public Connection server() throws SQLException {
        // the server is shared with other test runs: a full connection table (53300) is waited out, up to 30 s
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return kind == Kind.POSTGRES ? DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", "postgres", "")
                        : DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", "root", "");
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Whether a user of that name exists on the server. */
    public boolean userExists(String user) throws SQLException {
        return !query(kind == Kind.POSTGRES ? "SELECT rolname FROM pg_roles WHERE rolname = ?" : "SELECT User FROM mysql.user WHERE User = ?",
                user).isEmpty();
    }

    /** The first column of every row of a query run as the server's superuser, with one text parameter. */
    public List<String> query(String sql, String param) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = server(); Statement s = c.createStatement()) {
            if (kind == Kind.POSTGRES) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                s.execute("DROP DATABASE IF EXISTS " + database);
                for (String role : query("SELECT rolname FROM pg_roles WHERE strpos(rolname, ?) > 0", token)) {
                    s.execute("DROP OWNED BY \"" + role.replace("\"", "\"\"") + "\" CASCADE");
                    s.execute("DROP ROLE \"" + role.replace("\"", "\"\"") + "\"");
                }
            } else {
                s.execute("DROP DATABASE IF EXISTS " + database);
                for (String[] user : users(c)) {
                    s.execute("DROP USER '" + user[0].replace("'", "''") + "'@'" + user[1].replace("'", "''") + "'");
                }
            }
        }
    }

    private List<String[]> users(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT User, Host FROM mysql.user WHERE INSTR(User, ?) > 0")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }
}
