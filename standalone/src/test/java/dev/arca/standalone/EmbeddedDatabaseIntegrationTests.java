package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dev mode's embedded PostgreSQL takes no login without its password, on TCP or the local socket. */
class EmbeddedDatabaseIntegrationTests {

    @Test
    void thePostgresLoginNeedsTheRandomPassword() throws Exception {
        try (Database db = Database.startEmbedded(null, null)) {
            assertThat(db.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(db.toString()).doesNotContain(db.password());
            assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "postgres", "").close())
                    .as("no password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "postgres", "postgres").close())
                    .as("the usual default").isInstanceOf(SQLException.class);
            try (Connection c = DriverManager.getConnection(db.url(), db.username(), db.password()); Statement s = c.createStatement()) {
                List<String> methods = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT type, auth_method FROM pg_hba_file_rules")) {
                    while (rs.next()) {
                        methods.add(rs.getString(1) + ":" + rs.getString(2));
                    }
                }
                assertThat(methods).as("every rule, local socket and TCP, asks for the password").isNotEmpty()
                        .allMatch(m -> m.endsWith(":scram-sha-256"));
            }
        }
    }

    @Test
    void aPasswordTheOperatorChoosesIsTheOne() throws Exception {
        try (Database db = Database.startEmbedded("chosen-by-the-operator", null)) {
            assertThat(db.password()).isEqualTo("chosen-by-the-operator");
            try (Connection c = DriverManager.getConnection(db.url(), "postgres", "chosen-by-the-operator")) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> DriverManager.getConnection(db.url(), "postgres", "").close()).isInstanceOf(SQLException.class);
        }
    }
}
