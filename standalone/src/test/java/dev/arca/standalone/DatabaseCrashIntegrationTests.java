package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.standalone.ledger.CrashingPlatform;
import dev.arca.test.ManagedDatabase;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash window of {@code creds}: the process is killed (SIGKILL) after the database user exists and
 * before its lease is registered. MariaDB does not roll DDL back, so the user outlives the process;
 * the next process on the same storage finds the write-ahead record and drops the user.
 */
class DatabaseCrashIntegrationTests {

    private static final String ROOT = "hvs.dbcrash-root";

    @Test
    @Timeout(300)
    void aUserCreatedBeforeAKillAndNeverLeasedIsDroppedAfterTheRestart() throws Exception {
        TestDatabase.Server s = TestDatabase.server();
        String url = TestDatabase.createDatabase("dbcrash");
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        try (ManagedDatabase maria = ManagedDatabase.create(ManagedDatabase.Kind.MARIADB)) {
            try (Connection c = maria.admin(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (v int)");
            }
            CrashingPlatform.Child child = CrashingPlatform.launch(url, s.username(), s.password(), key, ROOT);
            try {
                TestHttp first = new TestHttp("http://127.0.0.1:" + child.port());
                ok(first.send("POST", "/v1/sys/mounts/database", Map.of("type", "database"), "X-Vault-Token", ROOT));
                ok(first.send("POST", "/v1/database/config/maria", Map.of("plugin_name", "mysql-database-plugin", "connection_url",
                        maria.vaultUrl(maria.host(), maria.port()), "username", maria.adminUser(), "password", maria.adminPassword(),
                        "allowed_roles", "*", "username_template", "{{ printf \"c%s-%s\" \"" + maria.token() + "\" (random 8) }}"),
                        "X-Vault-Token", ROOT));
                // the user exists, then the creation holds still until the process dies
                ok(first.send("POST", "/v1/database/roles/slow", Map.of("db_name", "maria", "creation_statements",
                        List.of("CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'", "SELECT SLEEP(120)")), "X-Vault-Token", ROOT));
                Thread.ofVirtual().start(() -> first.send("GET", "/v1/database/creds/slow", null, "X-Vault-Token", ROOT));
                awaitUsers(maria, 1);
            } finally {
                child.process().destroyForcibly();
                child.process().waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(users(maria)).as("the user outlived the process").hasSize(1);

            System.setProperty("arca.database.rollback-min-age", "0s");
            System.setProperty("arca.database.sweep-interval", "200ms");
            try (Platform second = Platform.start(new Platform.Options(new Database(url, s.username(), s.password(), null), "127.0.0.1",
                    0, 0, true, true, Map.of("arca.seal.type", "static", "arca.seal.static-key", key), Map.of()))) {
                System.clearProperty("arca.database.rollback-min-age");
                System.clearProperty("arca.database.sweep-interval");
                awaitUsers(maria, 0);
            } finally {
                System.clearProperty("arca.database.rollback-min-age");
                System.clearProperty("arca.database.sweep-interval");
            }
        }
    }

    private static void ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
    }

    private static List<String> users(ManagedDatabase maria) throws Exception {
        return maria.query("SELECT User FROM mysql.user WHERE INSTR(User, ?) = 2", maria.token());
    }

    private static void awaitUsers(ManagedDatabase maria, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (users(maria).size() != count) {
            assertThat(System.nanoTime()).as(count + " users of the role").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
