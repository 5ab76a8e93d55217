package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.ManagedDatabase;
import dev.arca.test.TcpProxy;
import dev.arca.test.TestHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.vault.core.lease.SecretLeaseContainer;
import org.springframework.vault.core.lease.domain.RequestedSecret;
import org.springframework.vault.core.lease.event.SecretLeaseCreatedEvent;
import org.springframework.vault.core.lease.event.SecretLeaseEvent;
import tools.jackson.databind.JsonNode;

/**
 * The database engine end to end, through the public API as curl and Spring Vault use it, against the
 * machine's real PostgreSQL and MariaDB (each test class its own admin login and databases): users
 * issued under leases, renewed, revoked and expired; rotate-root; an unreachable database; password
 * policies; static roles.
 */
@Timeout(120)
class DatabaseBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static TestHttp http;
    private static ManagedDatabase pg;

    @BeforeAll
    static void start() throws SQLException {
        http = DevPlatform.http();
        assertThat(call("POST", "sys/mounts/database", Map.of("type", "database"), ROOT).status()).isEqualTo(204);
        pg = ManagedDatabase.create(ManagedDatabase.Kind.POSTGRES);
        try (Connection c = pg.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v int)");
            s.execute("INSERT INTO t VALUES (7)");
        }
        config("pg", pg, pg.host(), pg.port(), Map.of("allowed_roles", "my-app-role,app-*"));
    }

    @AfterAll
    static void stop() throws SQLException {
        pg.close();
    }

    private static TestHttp.Response call(String method, String path, Object body, String token) {
        return http.send(method, "/v1/" + path, body, "X-Vault-Token", token);
    }

    private static void ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    private static void config(String name, ManagedDatabase db, String host, int port, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("plugin_name", db.kind() == ManagedDatabase.Kind.POSTGRES
                ? "postgresql-database-plugin" : "mysql-database-plugin", "connection_url", db.vaultUrl(host, port),
                "username", db.adminUser(), "password", db.adminPassword()));
        body.putAll(more);
        ok(call("POST", "database/config/" + name, body, ROOT), 204);
    }

    private static void role(String name, String db, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("db_name", db, "creation_statements", List.of(
                "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';",
                "GRANT SELECT ON t TO \"{{name}}\";")));
        body.putAll(more);
        ok(call("POST", "database/roles/" + name, body, ROOT), 204);
    }

    private static JsonNode creds(String role) {
        TestHttp.Response r = call("GET", "database/creds/" + role, null, ROOT);
        ok(r, 200);
        return r.json();
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void theSeedsFlowIssuesAUserThatCanDoWhatItsRoleGrantsRenewsItAndDropsItOnRevoke() throws Exception {
        role("my-app-role", "pg", Map.of("default_ttl", "1h", "max_ttl", "24h"));
        JsonNode secret = creds("my-app-role");
        String leaseId = secret.path("lease_id").asString();
        String user = secret.path("data").path("username").asString();
        String password = secret.path("data").path("password").asString();
        assertThat(leaseId).startsWith("database/creds/my-app-role/");
        assertThat(secret.path("renewable").asBoolean()).isTrue();
        assertThat(secret.path("lease_duration").asLong()).isEqualTo(3600);
        assertThat(user).matches("v-[a-z0-9-]{1,8}-my-app-r-[A-Za-z0-9]{20}-[0-9]+");
        assertThat(pg.passwordWorks(user, password)).isTrue();
        Instant validUntil = validUntil(user);
        assertThat(validUntil).isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

        try (Connection session = pg.login(user, password); Statement s = session.createStatement()) {
            assertThat(s.executeQuery("SELECT v FROM t").next()).isTrue();
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)")).isInstanceOf(SQLException.class);

            TestHttp.Response renewed = call("PUT", "sys/leases/renew", Map.of("lease_id", leaseId, "increment", 7200), ROOT);
            ok(renewed, 200);
            assertThat(renewed.json().path("lease_duration").asLong()).isEqualTo(7200);
            assertThat(validUntil(user)).isAfter(validUntil.plusSeconds(3000));

            ok(call("PUT", "sys/leases/revoke", Map.of("lease_id", leaseId), ROOT), 204);
            assertThatThrownBy(() -> s.executeQuery("SELECT v FROM t")).as("its session was ended").isInstanceOf(SQLException.class);
        }
        assertThat(pg.userExists(user)).isFalse();
        assertThat(pg.query("SELECT m.member::text FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid WHERE r.rolname = ?", user))
                .isEmpty();
    }

    @Test
    void theRollbackSweepKeepsAUserWhoseLeaseWasRegisteredAndDropsOneWhoseLeaseNeverWas() throws Exception {
        role("app-wal", "pg", Map.of("default_ttl", "1h"));
        JsonNode leased = creds("app-wal");
        String kept = leased.path("data").path("username").asString();
        String orphan = "v-orphan-" + pg.token();
        try (Connection c = pg.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE \"" + orphan + "\" LOGIN");
        }
        String accessor = call("GET", "sys/mounts", null, ROOT).json().path("data").path("database/").path("accessor").asString();
        // what processes that died leave: one after registering the lease (only the record's deletion lost),
        // one before registering it
        Database arca = DevPlatform.database();
        try (Connection c = DriverManager.getConnection(arca.url(), arca.username(), arca.password());
                PreparedStatement ps = c.prepareStatement("INSERT INTO \"database\".db_wal (id, mount_accessor, mount_path, db_name, "
                        + "role_name, username, lease_id, created_time) VALUES (?, ?, 'database/', 'pg', 'app-wal', ?, ?, now() - interval '1 hour')")) {
            for (String[] user : List.of(new String[] {kept, leased.path("lease_id").asString()},
                    new String[] {orphan, "database/creds/app-wal/never-registered"})) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, accessor);
                ps.setString(3, user[0]);
                ps.setString(4, user[1]);
                ps.executeUpdate();
            }
            await("the sweep drops the user whose lease never was", () -> !pg.userExists(orphan));
            await("and deletes both records", () -> {
                try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM \"database\".db_wal WHERE username IN (?, ?)")) {
                    q.setString(1, kept);
                    q.setString(2, orphan);
                    try (ResultSet rs = q.executeQuery()) {
                        return rs.next() && rs.getInt(1) == 0;
                    }
                }
            });
        }
        assertThat(pg.passwordWorks(kept, leased.path("data").path("password").asString())).as("the leased user is kept").isTrue();
    }

    @Test
    void anExpiredLeaseDropsItsUser() throws Exception {
        role("app-short", "pg", Map.of("default_ttl", "1s", "max_ttl", "1s"));
        String user = creds("app-short").path("data").path("username").asString();
        await("the expired user is dropped", () -> !pg.userExists(user));
    }

    @Test
    void configNeverShowsThePasswordAndRolesAreCheckedAgainstIt() {
        JsonNode data = call("GET", "database/config/pg", null, ROOT).json().path("data");
        assertThat(data.path("plugin_name").asString()).isEqualTo("postgresql-database-plugin");
        assertThat(data.path("connection_details").path("username").asString()).isEqualTo(pg.adminUser());
        assertThat(data.toString()).doesNotContain(pg.adminPassword());
        assertThat(data.has("password") || data.path("connection_details").has("password")).isFalse();
        assertThat(call("GET", "database/config/", null, ROOT).status()).isEqualTo(405);
        assertThat(http.send("LIST", "/v1/database/config", null, "X-Vault-Token", ROOT).json().path("data").path("keys").toString())
                .contains("pg");

        role("not-allowed", "pg", Map.of());
        TestHttp.Response refused = call("GET", "database/creds/not-allowed", null, ROOT);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").path(0).asString()).isEqualTo("\"not-allowed\" is not an allowed role");
        assertThat(call("GET", "database/creds/nope", null, ROOT).json().path("errors").path(0).asString()).isEqualTo("unknown role: nope");
        assertThat(call("POST", "database/roles/app-bad", Map.of("db_name", "pg"), ROOT).json().path("errors").path(0).asString())
                .isEqualTo("empty creation statements");
        assertThat(call("POST", "database/config/bad", Map.of("plugin_name", "postgresql-database-plugin", "connection_url", "x",
                "max_open_connections", 100000), ROOT).status()).isEqualTo(400);
    }

    @Test
    void springVaultRotatesADatabaseCredentialAsSpringCloudVaultDoes() throws Exception {
        role("app-spring", "pg", Map.of("default_ttl", "3s", "max_ttl", "3s"));
        BlockingQueue<SecretLeaseEvent> events = new LinkedBlockingQueue<>();
        SecretLeaseContainer container = new SecretLeaseContainer(DevPlatform.vault(ROOT));
        container.setMinRenewal(Duration.ofSeconds(1));
        container.setExpiryThreshold(Duration.ofSeconds(2));
        container.addLeaseListener(events::add);
        container.addRequestedSecret(RequestedSecret.rotating("database/creds/app-spring"));
        container.afterPropertiesSet();
        container.start();
        try {
            SecretLeaseCreatedEvent first = created(events);
            SecretLeaseCreatedEvent second = created(events);
            String firstUser = (String) first.getSecrets().get("username");
            String secondUser = (String) second.getSecrets().get("username");
            assertThat(secondUser).isNotEqualTo(firstUser);
            assertThat(pg.passwordWorks(secondUser, (String) second.getSecrets().get("password"))).isTrue();
            await("the first user is dropped when its lease expires", () -> !pg.userExists(firstUser));
        } finally {
            container.destroy();
        }
    }

    @Test
    void rotateRootLeavesOnlyArcaKnowingTheAdminPassword() throws Exception {
        try (ManagedDatabase own = ManagedDatabase.create(ManagedDatabase.Kind.POSTGRES)) {
            try (Connection c = own.admin(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v int)");
            }
            config("rotating", own, own.host(), own.port(), Map.of("allowed_roles", "*"));
            ok(call("POST", "database/rotate-root/rotating", Map.of(), ROOT), 204);
            assertThat(own.passwordWorks(own.adminUser(), own.adminPassword())).isFalse();
            role("after-rotation", "rotating", Map.of());
            String user = creds("after-rotation").path("data").path("username").asString();
            assertThat(own.userExists(user)).isTrue();
            ok(call("POST", "database/reset/rotating", Map.of(), ROOT), 204);
            assertThat(own.userExists(creds("after-rotation").path("data").path("username").asString())).isTrue();
            ok(call("POST", "sys/leases/revoke-prefix/database/creds/after-rotation", Map.of(), ROOT), 204);
            assertThat(own.userExists(user)).isFalse();
        }
    }

    @Test
    void anUnreachableDatabaseIsAClear500NamingTheConfigAndRevocationWorksOnceItIsBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(pg.host(), pg.port())) {
            config("flaky", pg, "127.0.0.1", proxy.port(), Map.of("allowed_roles", "*"));
            role("flaky-role", "flaky", Map.of("default_ttl", "1h"));
            JsonNode secret = creds("flaky-role");
            String user = secret.path("data").path("username").asString();
            String leaseId = secret.path("lease_id").asString();
            proxy.down();
            TestHttp.Response down = call("GET", "database/creds/flaky-role", null, ROOT);
            assertThat(down.status()).isEqualTo(500);
            assertThat(down.json().path("errors").path(0).asString()).contains("database \"flaky\"").doesNotContain(pg.adminPassword());
            TestHttp.Response failedRevoke = call("PUT", "sys/leases/revoke", Map.of("lease_id", leaseId), ROOT);
            assertThat(failedRevoke.status()).as(failedRevoke.body()).isGreaterThanOrEqualTo(400);
            assertThat(call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), ROOT).status()).as("the lease is kept").isEqualTo(200);
            assertThat(pg.userExists(user)).isTrue();
            proxy.up();
            ok(call("PUT", "sys/leases/revoke", Map.of("lease_id", leaseId), ROOT), 204);
            assertThat(pg.userExists(user)).isFalse();
        }
    }

    @Test
    void anExpiredUserOnADatabaseThatIsDownIsDroppedByLeaseServicesRetriesOnceItIsBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(pg.host(), pg.port())) {
            config("down-expiry", pg, "127.0.0.1", proxy.port(), Map.of("allowed_roles", "*"));
            role("down-expiry-role", "down-expiry", Map.of("default_ttl", "2s", "max_ttl", "2s"));
            JsonNode secret = creds("down-expiry-role");
            String user = secret.path("data").path("username").asString();
            String leaseId = secret.path("lease_id").asString();
            proxy.down();
            await("a revocation attempt failed", () -> call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), ROOT).json()
                    .path("data").path("revocation_attempts").asInt() >= 1);
            assertThat(pg.userExists(user)).isTrue();
            proxy.up();
            await("the user is dropped once the database is back", () -> {
                JsonNode lease = call("PUT", "sys/leases/lookup", Map.of("lease_id", leaseId), ROOT).json().path("data");
                if (lease.path("irrevocable").asBoolean()) {
                    // the test platform gives up after 3 quick attempts; tidy is the operator's retry
                    call("POST", "sys/leases/tidy", Map.of(), ROOT);
                }
                return !pg.userExists(user);
            });
        }
    }

    @Test
    void passwordPoliciesShapeGeneratedPasswords() throws Exception {
        String policy = "length = 30\nrule \"charset\" {\n  charset = \"xyz\"\n  min-chars = 2\n}\nrule \"charset\" {\n  charset = \"7\"\n"
                + "  min-chars = 1\n}\n";
        ok(call("POST", "sys/policies/password/xyz7", Map.of("policy", policy), ROOT), 204);
        assertThat(call("GET", "sys/policies/password/xyz7", null, ROOT).json().path("data").path("policy").asString()).isEqualTo(policy);
        assertThat(call("GET", "sys/policies/password/xyz7/generate", null, ROOT).json().path("data").path("password").asString())
                .matches("[xyz7]{30}").contains("7");
        ok(call("POST", "sys/policies/password/bad", Map.of("policy", "length = 2"), ROOT), 400);
        try (ManagedDatabase own = ManagedDatabase.create(ManagedDatabase.Kind.POSTGRES)) {
            try (Connection c = own.admin(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v int)");
            }
            config("policed", own, own.host(), own.port(), Map.of("allowed_roles", "*", "password_policy", "xyz7"));
            role("policed-role", "policed", Map.of());
            JsonNode data = creds("policed-role").path("data");
            assertThat(data.path("password").asString()).matches("[xyz7]{30}");
            assertThat(own.passwordWorks(data.path("username").asString(), data.path("password").asString())).isTrue();
            ok(call("POST", "sys/leases/revoke-prefix/database/creds/policed-role", Map.of(), ROOT), 204);
        }
        ok(call("DELETE", "sys/policies/password/xyz7", null, ROOT), 204);
        assertThat(call("GET", "sys/policies/password/xyz7", null, ROOT).status()).isEqualTo(404);
    }

    @Test
    void staticRolesRotateAnExistingUsersPassword() throws Exception {
        String user = "static_" + pg.token();
        try (Connection c = pg.admin(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'initial'");
        }
        config("pg", pg, pg.host(), pg.port(), Map.of("allowed_roles", List.of("my-app-role", "app-*", "static-app")));
        ok(call("POST", "database/static-roles/static-app", Map.of("db_name", "pg", "username", user, "rotation_period", "1h"), ROOT), 204);
        JsonNode first = call("GET", "database/static-creds/static-app", null, ROOT).json().path("data");
        assertThat(first.path("username").asString()).isEqualTo(user);
        assertThat(first.path("rotation_period").asLong()).isEqualTo(3600);
        assertThat(first.path("ttl").asLong()).isBetween(3500L, 3600L);
        assertThat(first.path("last_vault_rotation").asString()).isNotEmpty();
        assertThat(pg.passwordWorks(user, "initial")).isFalse();
        assertThat(pg.passwordWorks(user, first.path("password").asString())).isTrue();

        ok(call("POST", "database/rotate-role/static-app", Map.of(), ROOT), 204);
        String second = call("GET", "database/static-creds/static-app", null, ROOT).json().path("data").path("password").asString();
        assertThat(second).isNotEqualTo(first.path("password").asString());
        assertThat(pg.passwordWorks(user, second)).isTrue();
        assertThat(pg.passwordWorks(user, first.path("password").asString())).isFalse();
        JsonNode role = call("GET", "database/static-roles/static-app", null, ROOT).json().path("data");
        assertThat(role.path("username").asString()).isEqualTo(user);
        assertThat(role.has("password")).isFalse();
        assertThat(call("POST", "database/static-roles/static-app", Map.of("username", "other"), ROOT).json().path("errors").path(0)
                .asString()).isEqualTo("cannot update static account username");
        assertThat(call("POST", "database/static-roles/static-2", Map.of("db_name", "pg", "username", user, "rotation_period", "1s"), ROOT)
                .status()).isEqualTo(400);
    }

    @Test
    void mariadbUsersAreIssuedAndDroppedThroughTheMysqlPlugin() throws Exception {
        try (ManagedDatabase maria = ManagedDatabase.create(ManagedDatabase.Kind.MARIADB)) {
            try (Connection c = maria.admin(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v int)");
            }
            config("maria", maria, maria.host(), maria.port(), Map.of("allowed_roles", "*"));
            ok(call("POST", "database/roles/maria-ro", Map.of("db_name", "maria", "creation_statements",
                    "CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}'; GRANT SELECT ON " + maria.database() + ".* TO '{{name}}'@'%';"),
                    ROOT), 204);
            JsonNode secret = creds("maria-ro");
            String user = secret.path("data").path("username").asString();
            assertThat(user).hasSizeLessThanOrEqualTo(32).startsWith("v-");
            try (Connection session = maria.login(user, secret.path("data").path("password").asString());
                    Statement s = session.createStatement()) {
                assertThat(s.executeQuery("SELECT count(*) FROM t").next()).isTrue();
                assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (1)")).isInstanceOf(SQLException.class);
                ok(call("PUT", "sys/leases/revoke", Map.of("lease_id", secret.path("lease_id").asString()), ROOT), 204);
                assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM t")).isInstanceOf(SQLException.class);
            }
            assertThat(maria.userExists(user)).isFalse();
            assertThat(maria.query("SELECT User FROM mysql.db WHERE User = ?", user)).isEmpty();
        }
    }

    private static Instant validUntil(String user) throws SQLException {
        return Instant.parse(pg.query("SELECT to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_roles "
                + "WHERE rolname = ?", user).get(0));
    }

    private static SecretLeaseCreatedEvent created(BlockingQueue<SecretLeaseEvent> events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            SecretLeaseEvent e = events.poll(1, TimeUnit.SECONDS);
            if (e instanceof SecretLeaseCreatedEvent c) {
                return c;
            }
        }
        throw new AssertionError("no SecretLeaseCreatedEvent in time");
    }
}
