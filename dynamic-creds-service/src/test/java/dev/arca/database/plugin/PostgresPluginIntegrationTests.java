package dev.arca.database.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.ManagedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresPluginIntegrationTests extends PluginContract {

    @Override
    ManagedDatabase.Kind kind() {
        return ManagedDatabase.Kind.POSTGRES;
    }

    @Override
    DatabasePlugin newPlugin() {
        return new PostgresPlugin();
    }

    @Override
    List<String> creationStatements() {
        return List.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
                "GRANT SELECT ON t TO \"{{name}}\"; GRANT CREATE ON SCHEMA public TO \"{{name}}\";");
    }

    @Override
    void assertNothingLeftOf(String user) throws SQLException {
        assertThat(db.query("SELECT rolname FROM pg_roles WHERE rolname = ?", user)).isEmpty();
        assertThat(db.query("SELECT m.roleid::text FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = ?", user))
                .isEmpty();
        // ACL entries name roles by oid; a dropped role's would show as a bare number
        try (Connection c = db.admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_class WHERE relacl::text ~ '(^|[{,])[0-9]+='")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no grant to a dropped role").isZero();
        }
    }

    @Test
    void objectsTheUserCreatedAreReassignedToTheAdmin() throws SQLException {
        String user = user("o");
        plugin.newUser(user, "Pw-o" + db.token(), Instant.now().plusSeconds(3600), creationStatements());
        try (Connection c = db.login(user, "Pw-o" + db.token()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mine (v int)");
        }
        plugin.deleteUser(user, List.of());
        try (Connection c = db.admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'mine'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(db.adminUser());
        }
        assertNothingLeftOf(user);
    }

    @Test
    void withScramTheServerStoresTheVerifierArcaComputed() throws SQLException {
        DatabasePlugin scram = new PostgresPlugin();
        scram.initialize(new ConnectionSettings("scram-" + db.token(), db.vaultUrl(db.host(), db.port()), db.adminUser(),
                db.adminPassword(), 2, 0, java.time.Duration.ZERO, java.time.Duration.ofSeconds(5), ConnectionSettings.SCRAM), false);
        try {
            String user = user("s");
            scram.newUser(user, "Pw-scram-" + db.token(), Instant.now().plusSeconds(600), creationStatements());
            assertThat(db.passwordWorks(user, "Pw-scram-" + db.token())).isTrue();
            assertThat(db.passwordWorks(user, "Pw-other")).isFalse();
            scram.updateUser(user, "Pw-next-" + db.token(), List.of(), null, List.of());
            assertThat(db.passwordWorks(user, "Pw-next-" + db.token())).isTrue();
            try (Connection c = db.login(user, "Pw-next-" + db.token()); Statement s = c.createStatement()) {
                assertThat(s.executeQuery("SELECT v FROM t").next()).isTrue();
            }
        } finally {
            scram.close();
        }
    }

    @Test
    void renewalMovesValidUntil() throws SQLException {
        String user = user("r");
        Instant first = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        plugin.newUser(user, "Pw-r" + db.token(), first, creationStatements());
        assertThat(validUntil(user)).isEqualTo(first);
        Instant later = first.plusSeconds(3600);
        plugin.updateUser(user, null, List.of(), later, List.of());
        assertThat(validUntil(user)).isEqualTo(later);
    }

    @Test
    void aChangeWaitsForTheAdvisoryLockAndThenCommitsWhole() throws Exception {
        String user = user("l");
        try (Connection holder = db.admin(); Statement s = holder.createStatement()) {
            s.execute("SELECT pg_advisory_lock(1098015585, 1)");
            CompletableFuture<Void> created = CompletableFuture.runAsync(
                    () -> plugin.newUser(user, "Pw-l" + db.token(), Instant.now().plusSeconds(600), creationStatements()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.query("SELECT l.pid::text FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                    + "WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = ?", db.database()).isEmpty()) {
                assertThat(System.nanoTime()).as("the change waits for the lock").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(created).isNotDone();
            assertThat(db.userExists(user)).as("nothing of the change is visible while it waits").isFalse();
            s.execute("SELECT pg_advisory_unlock(1098015585, 1)");
            created.get(30, TimeUnit.SECONDS);
        }
        assertThat(db.userExists(user)).isTrue();
        try (Connection c = db.login(user, "Pw-l" + db.token()); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT v FROM t").next()).as("the grant came with it").isTrue();
        }
    }

    @Test
    void statementsEndingInACommentAreRunEach() throws SQLException {
        String user = user("m");
        plugin.newUser(user, "Pw-m" + db.token(), Instant.now().plusSeconds(600),
                List.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' -- the login\n; GRANT SELECT ON t TO \"{{name}}\" -- read",
                        "GRANT SELECT ON secret_t TO \"{{name}}\" -- and this one"));
        try (Connection c = db.login(user, "Pw-m" + db.token()); Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT v FROM t").next()).isTrue();
            assertThat(s.executeQuery("SELECT count(*) FROM secret_t").next()).isTrue();
        }
    }

    private Instant validUntil(String user) throws SQLException {
        return Instant.parse(db.query("SELECT to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_roles "
                + "WHERE rolname = ?", user).get(0));
    }
}
