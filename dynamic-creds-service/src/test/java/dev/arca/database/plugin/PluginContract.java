package dev.arca.database.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.ManagedDatabase;
import dev.arca.test.TcpProxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every plugin must do against the real server it manages: issued users can do exactly what the
 * creation statements grant; deleting one ends its sessions and leaves no user or grant behind;
 * values are quoted, never pasted; passwords change; an unreachable server fails fast, naming the connection.
 * Each test has its own admin login and database ({@link ManagedDatabase}).
 */
@Timeout(60)
abstract class PluginContract {

    protected ManagedDatabase db;
    protected DatabasePlugin plugin;

    abstract ManagedDatabase.Kind kind();

    abstract DatabasePlugin newPlugin();

    /** Creates the user with SELECT on table {@code t} only. */
    abstract List<String> creationStatements();

    /** No user, grant or owned object of that name is left. */
    abstract void assertNothingLeftOf(String user) throws SQLException;

    @BeforeEach
    void managed() throws SQLException {
        db = ManagedDatabase.create(kind());
        try (Connection c = db.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v int)");
            s.execute("INSERT INTO t VALUES (42)");
            s.execute("CREATE TABLE secret_t (v int)");
        }
        plugin = start(db.host(), db.port());
    }

    DatabasePlugin start(String host, int port) {
        DatabasePlugin p = newPlugin();
        p.initialize(new ConnectionSettings("conn-" + db.token(), db.vaultUrl(host, port), db.adminUser(), db.adminPassword(), 2, 0,
                Duration.ZERO, Duration.ofSeconds(2), ConnectionSettings.PLAIN), true);
        return p;
    }

    @AfterEach
    void dropped() throws SQLException {
        if (plugin != null) {
            plugin.close();
        }
        if (db != null) {
            db.close();
        }
    }

    String user(String suffix) {
        return "v-" + db.token() + "-" + suffix;
    }

    @Test
    void anIssuedUserCanDoExactlyWhatItsStatementsGrant() throws SQLException {
        String user = user("a");
        plugin.newUser(user, "Pw-1" + db.token(), Instant.now().plusSeconds(3600), creationStatements());
        try (Connection c = db.login(user, "Pw-1" + db.token()); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT v FROM t");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.executeQuery("SELECT v FROM secret_t")).isInstanceOf(SQLException.class);
        }
        assertThat(db.passwordWorks(user, "Pw-1" + db.token())).isTrue();
        assertThat(db.passwordWorks(user, "wrong")).isFalse();
    }

    @Test
    void deletingAUserEndsItsSessionsAndLeavesNothingBehind() throws SQLException {
        String user = user("b");
        plugin.newUser(user, "Pw-2" + db.token(), Instant.now().plusSeconds(3600), creationStatements());
        try (Connection open = db.login(user, "Pw-2" + db.token()); Statement s = open.createStatement()) {
            s.executeQuery("SELECT v FROM t").close();
            plugin.deleteUser(user, List.of());
            assertThatThrownBy(() -> s.executeQuery("SELECT v FROM t")).as("its open session was ended").isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> db.login(user, "Pw-2" + db.token()).close()).isInstanceOf(SQLException.class);
        assertThat(plugin.userExists(user)).isFalse();
        assertNothingLeftOf(user);
        // a repeated revocation (a retry after a crash) succeeds
        plugin.deleteUser(user, List.of());
    }

    @Test
    void valuesAreQuotedNeverPasted() throws SQLException {
        String user = user("x\"'`;DROP TABLE t;--");
        String password = "p'\"`\\;--" + db.token();
        plugin.newUser(user, password, Instant.now().plusSeconds(3600), creationStatements());
        assertThat(plugin.userExists(user)).isTrue();
        assertThat(db.passwordWorks(user, password)).isTrue();
        try (Connection c = db.login(user, password); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT v FROM t").next()).as("t survived").isTrue();
        }
        plugin.deleteUser(user, List.of());
        assertThat(plugin.userExists(user)).isFalse();
    }

    @Test
    void concurrentCreationsAndDeletionsOfUsersGrantedTheSameTableAllSucceed() throws Exception {
        DatabasePlugin wide = newPlugin();
        wide.initialize(new ConnectionSettings("wide-" + db.token(), db.vaultUrl(db.host(), db.port()), db.adminUser(), db.adminPassword(),
                8, 0, Duration.ZERO, Duration.ofSeconds(5), ConnectionSettings.PLAIN), false);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<String> users = java.util.stream.IntStream.range(0, 16).mapToObj(i -> user("p" + i)).toList();
            for (var f : pool.invokeAll(users.stream().<java.util.concurrent.Callable<Void>>map(u -> () -> {
                wide.newUser(u, "Pw-p" + db.token(), Instant.now().plusSeconds(600), creationStatements());
                return null;
            }).toList())) {
                f.get();
            }
            for (String u : users) {
                assertThat(plugin.userExists(u)).isTrue();
            }
            for (var f : pool.invokeAll(users.stream().<java.util.concurrent.Callable<Void>>map(u -> () -> {
                wide.deleteUser(u, List.of());
                return null;
            }).toList())) {
                f.get();
            }
            for (String u : users) {
                assertThat(plugin.userExists(u)).isFalse();
            }
        } finally {
            wide.close();
        }
    }

    @Test
    void changesAPassword() throws SQLException {
        String user = user("c");
        plugin.newUser(user, "Old-1" + db.token(), Instant.now().plusSeconds(3600), creationStatements());
        plugin.updateUser(user, "New-1" + db.token(), List.of(), null, List.of());
        assertThat(db.passwordWorks(user, "New-1" + db.token())).isTrue();
        assertThat(db.passwordWorks(user, "Old-1" + db.token())).isFalse();
    }

    @Test
    void anUnreachableDatabaseFailsNamingTheConnection() throws Exception {
        try (TcpProxy proxy = new TcpProxy(db.host(), db.port())) {
            DatabasePlugin viaProxy = start("127.0.0.1", proxy.port());
            try {
                proxy.down();
                assertThatThrownBy(() -> viaProxy.newUser(user("d"), "Pw-3x", Instant.now().plusSeconds(60), creationStatements()))
                        .isInstanceOf(DatabaseException.class)
                        .hasMessageContaining("failed to create the user on database \"conn-" + db.token() + "\"")
                        .hasMessageNotContaining(db.adminPassword());
                proxy.up();
                viaProxy.newUser(user("d"), "Pw-3x" + db.token(), Instant.now().plusSeconds(60), creationStatements());
                assertThat(plugin.userExists(user("d"))).isTrue();
            } finally {
                viaProxy.close();
            }
        }
    }

    @Test
    void statementsThatFailLeaveNoHalfMadeUserAndHideThePassword() {
        String user = user("e");
        String password = "Pw-secret-" + db.token();
        List<String> broken = List.of(creationStatements().get(0), "GRANT SELECT ON no_such_table TO nobody_" + db.token());
        assertThatThrownBy(() -> plugin.newUser(user, password, Instant.now().plusSeconds(60), broken))
                .isInstanceOf(DatabaseException.class).hasMessageNotContaining(password);
        if (kind() == ManagedDatabase.Kind.POSTGRES) {
            // PostgreSQL's DDL is transactional; MySQL's is not, and the engine drops what is left (tested through creds)
            assertThat(plugin.userExists(user)).isFalse();
        }
    }
}
