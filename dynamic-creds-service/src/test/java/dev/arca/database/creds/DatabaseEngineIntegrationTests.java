package dev.arca.database.creds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.database.DatabaseIntegrationTestSupport;
import dev.arca.database.config.Connections;
import dev.arca.test.ManagedDatabase;
import dev.arca.test.TestHttp;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's own guarantees, without lease-service: a user whose lease cannot be registered is
 * dropped before the call fails; a write-ahead record left by a request that died (the crash window
 * between creating the user and registering its lease) is rolled back by the sweep; connections are
 * checked before they are stored and never show their password.
 */
class DatabaseEngineIntegrationTests extends DatabaseIntegrationTestSupport {

    private static final List<String> CREATE = List.of("CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL "
            + "'{{expiration}}'");

    @Autowired
    WriteAheadLog wal;
    @Autowired
    RollbackSweep sweep;
    @Autowired
    Connections connections;
    @Autowired
    JdbcClient jdbc;

    private ManagedDatabase pg;

    @BeforeEach
    void managed() {
        pg = ManagedDatabase.create(ManagedDatabase.Kind.POSTGRES);
        assertThat(call("POST", "config/pg", Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
                pg.vaultUrl(pg.host(), pg.port()), "username", pg.adminUser(), "password", pg.adminPassword(), "allowed_roles", "*",
                "username_template", "{{ printf \"v-%s-%s-%s\" \"" + pg.token() + "\" .RoleName (random 8) }}"))
                .status()).isEqualTo(204);
        assertThat(call("POST", "roles/app", Map.of("db_name", "pg", "creation_statements", CREATE)).status()).isEqualTo(204);
    }

    @AfterEach
    void dropped() throws SQLException {
        pg.close();
    }

    private int walRows() {
        return jdbc.sql("SELECT count(*) FROM db_wal WHERE mount_accessor = ?").param(accessor).query(Integer.class).single();
    }

    @Test
    void aUserWhoseLeaseCannotBeRegisteredIsDroppedBeforeTheCallFails() throws SQLException {
        TestHttp.Response r = call("GET", "creds/app", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().path("errors").path(0).asString()).isEqualTo("failed to register the lease");
        assertThat(pg.query("SELECT rolname FROM pg_roles WHERE strpos(rolname, ?) > 0", pg.token())).as("no user of the role is left")
                .containsExactly(pg.adminUser());
        assertThat(walRows()).isZero();
    }

    @Test
    void theSweepDropsAUserLeftByARequestThatDiedBeforeItsLeaseWasRegistered() throws SQLException {
        String user = "v-crash-" + pg.token();
        WriteAheadLog.Entry e = wal.write(accessor, mountPath, "pg", "app", user, mountPath + "creds/app/never-registered");
        connections.get(accessor, "pg").plugin().newUser(user, "Pw-crash-1", Instant.now().plusSeconds(3600), CREATE);
        assertThat(pg.userExists(user)).isTrue();

        assertThat(sweep.sweep(Duration.ofHours(1))).as("too young: its request may still be running").isZero();
        assertThat(pg.userExists(user)).isTrue();

        assertThat(sweep.sweep(Duration.ZERO)).isGreaterThanOrEqualTo(1);
        assertThat(pg.userExists(user)).isFalse();
        assertThat(walRows()).isZero();
        assertThat(e.username()).isEqualTo(user);
    }

    @Test
    void aRecordWhoseUserNeverCameToBeIsClearedToo() throws SQLException {
        wal.write(accessor, mountPath, "pg", "app", "v-never-" + pg.token(), mountPath + "creds/app/never-registered");
        assertThat(sweep.sweep(Duration.ZERO)).isGreaterThanOrEqualTo(1);
        assertThat(walRows()).isZero();
    }

    @Test
    void connectionsAreVerifiedAndTheirPasswordsNeverShown() {
        assertThat(error(400, "POST", "config/wrong", Map.of("plugin_name", "postgresql-database-plugin", "connection_url",
                pg.vaultUrl(pg.host(), 1), "username", pg.adminUser(), "password", pg.adminPassword())))
                .startsWith("error creating database object: failed to verify the connection on database \"wrong\"")
                .doesNotContain(pg.adminPassword());
        assertThat(call("GET", "config/wrong", null).status()).isEqualTo(404);
        assertThat(error(400, "POST", "config/x", Map.of("plugin_name", "oracle-database-plugin", "connection_url", "x")))
                .startsWith("unsupported plugin_name: oracle-database-plugin");
        assertThat(error(400, "POST", "config/x", Map.of("plugin_name", "postgresql-database-plugin", "connection_url", "x",
                "max_open_connections", -1))).contains("max_open_connections");
        assertThat(error(400, "POST", "config/x", Map.of("plugin_name", "postgresql-database-plugin", "connection_url", "x",
                "verify_connection", false, "username_template", "{{ nosuch }}"))).startsWith("unable to initialize username template");

        String literal = "postgresql://" + pg.adminUser() + ":" + pg.adminPassword() + "@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        assertThat(call("POST", "config/literal", Map.of("plugin_name", "postgresql-database-plugin", "connection_url", literal)).status())
                .isEqualTo(204);
        TestHttp.Response read = call("GET", "config/literal", null);
        assertThat(read.body()).doesNotContain(pg.adminPassword());
        assertThat(read.json().path("data").path("connection_details").path("connection_url").asString())
                .isEqualTo("postgresql://" + pg.adminUser() + ":*****@" + pg.host() + ":" + pg.port() + "/" + pg.database());
        assertThat(call("GET", "config/pg", null).body()).doesNotContain(pg.adminPassword());
    }

    @Test
    void rolesRefuseStatementsWhosePlaceholdersCouldEscapeTheirQuotes() {
        assertThat(error(400, "POST", "roles/bad", Map.of("db_name", "pg", "creation_statements",
                List.of("CREATE ROLE x; COMMENT ON ROLE x IS 'for {{name}}'")))).startsWith("invalid statement:");
        assertThat(error(400, "POST", "roles/bad", Map.of("db_name", "pg", "creation_statements", CREATE, "default_ttl", "2h",
                "max_ttl", "1h"))).isEqualTo("ttl cannot be greater than max_ttl");
        assertThat(error(400, "POST", "roles/bad", Map.of("db_name", "pg", "creation_statements", CREATE, "credential_type",
                "rsa_private_key"))).startsWith("unsupported credential_type");
        // a statement with commas stays one statement
        assertThat(call("POST", "roles/commas", Map.of("db_name", "pg", "creation_statements",
                "CREATE ROLE \"{{name}}\" LOGIN PASSWORD '{{password}}'; GRANT SELECT, INSERT ON t TO \"{{name}}\"")).status()).isEqualTo(204);
        assertThat(call("GET", "roles/commas", null).json().path("data").path("creation_statements").size()).isEqualTo(1);
    }
}
