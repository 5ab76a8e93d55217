package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Server mode on a login that may not create roles (no CREATEROLE, no superuser), owning its own
 * database: what it lacks is named in one line before anything starts, and once a DBA has made the
 * audit writer role and granted it, the platform migrates, starts and audits on that login.
 */
class LeastPrivilegeDatabaseIntegrationTests {

    private final String name = "arca_lp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final TestDatabase.Server server = TestDatabase.server();

    private void admin(String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url(database), server.username(), server.password());
             Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private Database login() {
        return new Database(server.url(name), name, "lp-" + name, null);
    }

    @BeforeEach
    void loginAndDatabase() throws SQLException {
        admin("postgres", "CREATE ROLE " + name + " LOGIN PASSWORD 'lp-" + name + "' NOCREATEROLE NOSUPERUSER NOCREATEDB",
                "CREATE DATABASE " + name + " OWNER " + name,
                // cluster-wide and shared by every Arca database on this server: made if missing, never dropped here
                "DO $$ BEGIN CREATE ROLE " + DatabasePrivileges.AUDIT_WRITER + " NOLOGIN; "
                        + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    }

    @AfterEach
    void dropThem() throws SQLException {
        admin("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "DROP ROLE IF EXISTS " + name);
    }

    @Test
    void whatTheLoginLacksIsNamedInOneLine() {
        String missingRole = name + "_writer";
        assertThatThrownBy(() -> DatabasePrivileges.check(login(), Platform.schemas(), missingRole))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("role " + missingRole + " does not exist and login " + name + " may not create roles (CREATEROLE): "
                        + "a DBA runs CREATE ROLE " + missingRole + " NOLOGIN; GRANT " + missingRole + " TO " + name);
        assertThatThrownBy(() -> DatabasePrivileges.check(login()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("login " + name + " may not switch to role arca_audit_writer and may not grant it (membership): "
                        + "a DBA runs GRANT arca_audit_writer TO " + name);
        Database wrong = new Database(server.url(name + "_none"), name, "x", null);
        assertThatThrownBy(() -> DatabasePrivileges.check(wrong)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot check the database at ").hasMessageNotContaining("\n");
    }

    @Test
    void withTheRoleMadeAndGrantedByADbaThePlatformMigratesStartsAndAudits() throws Exception {
        admin("postgres", "GRANT " + DatabasePrivileges.AUDIT_WRITER + " TO " + name);
        DatabasePrivileges.check(login());
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try (Platform p = Platform.start(new Platform.Options(login(), "127.0.0.1", 0, 0, true, false, Map.of("arca.seal.type", "shamir")))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + p.gatewayPort());
            JsonNode init = http.send("POST", "/v1/sys/init", Map.of("secret_shares", 1, "secret_threshold", 1)).json();
            String root = init.path("root_token").asString();
            assertThat(http.send("POST", "/v1/sys/unseal", Map.of("key", init.path("keys").get(0).asString())).json()
                    .path("sealed").asBoolean(true)).isFalse();
            assertThat(http.send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", root).status()).isEqualTo(200);
        }
        List<String> owners = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.url(name), server.username(), server.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM audit.audit_log")) {
            rs.next();
            assertThat(rs.getLong(1)).as("audit entries written under the writer role").isPositive();
            try (ResultSet o = st.executeQuery("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'audit'")) {
                while (o.next()) {
                    owners.add(o.getString(1));
                }
            }
        }
        assertThat(owners).containsExactly(name);
    }
}
