package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** What reaches PostgreSQL: no plaintext secret or token anywhere, and an audit trail that detects tampering. */
class StorageAndAuditBlackBoxIntegrationTests {

    private final TestHttp http = DevPlatform.http();

    private static Connection db() throws SQLException {
        Database d = DevPlatform.database();
        return DriverManager.getConnection(d.url(), d.username(), d.password());
    }

    @Test
    void noPlaintextSecretOrTokenInAnyTable() throws SQLException {
        String secret = "plaintext-" + UUID.randomUUID();
        String meta = "meta-" + UUID.randomUUID();
        String t = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("POST", "/v1/secret/data/sabb/dump", Map.of("data", Map.of("password", secret)), "X-Vault-Token", t).status()).isEqualTo(200);
        http.send("POST", "/v1/secret/metadata/sabb/dump", Map.of("custom_metadata", Map.of("owner", meta)), "X-Vault-Token", t);
        TestHttp.Response created = http.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("default")), "X-Vault-Token", t);
        String token = created.json().path("auth").path("client_token").asString();
        assertThat(token).startsWith("hvs.");
        assertThat(http.send("GET", "/v1/secret/data/sabb/dump", null, "X-Vault-Token", t).body()).contains(secret);

        List<String> tables = new ArrayList<>();
        try (Connection c = db(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                     + "WHERE table_schema IN ('gateway','identity','kv','audit') AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(tables).contains("kv.secret_version", "identity.tokens", "audit.audit_log");
        try (Connection c = db(); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT t::text, encode(convert_to(t::text, 'UTF8'), 'hex') FROM " + table + " t")) {
                    while (rs.next()) {
                        assertThat(rs.getString(1)).as(table).doesNotContain(secret, meta, token, DevPlatform.ROOT_TOKEN);
                    }
                }
            }
        }
    }

    @Test
    void auditChainVerifiesAndNamesATamperedRow() throws SQLException {
        String t = DevPlatform.ROOT_TOKEN;
        http.send("GET", "/v1/secret/data/sabb/audit", null, "X-Vault-Token", t);
        TestHttp.Response ok = http.send("GET", "/v1/sys/audit-verify", null, "X-Vault-Token", t);
        assertThat(ok.json().path("data").path("verified").asBoolean()).isTrue();

        long seq;
        String original;
        try (Connection c = db(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT seq, entry FROM audit.audit_log ORDER BY seq LIMIT 1 OFFSET 3")) {
                rs.next();
                seq = rs.getLong(1);
                original = rs.getString(2);
            }
            try (var ps = c.prepareStatement("UPDATE audit.audit_log SET entry = replace(entry, '\"read\"', '\"delete\"') || ' ' WHERE seq = ?")) {
                ps.setLong(1, seq);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        try {
            TestHttp.Response broken = http.send("GET", "/v1/sys/audit-verify", null, "X-Vault-Token", t);
            assertThat(broken.json().path("data").path("verified").asBoolean(true)).isFalse();
            assertThat(broken.json().path("data").path("first_broken_seq").asLong()).isEqualTo(seq);
        } finally {
            try (Connection c = db(); var ps = c.prepareStatement("UPDATE audit.audit_log SET entry = ? WHERE seq = ?")) {
                ps.setString(1, original);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
        }
        assertThat(http.send("GET", "/v1/sys/audit-verify", null, "X-Vault-Token", t).json().path("data").path("verified").asBoolean()).isTrue();
    }

    @Test
    void requestsAreRefusedAndNotExecutedWhenAuditCannotStoreThem() throws SQLException {
        String t = DevPlatform.ROOT_TOKEN;
        double failures = DevPlatform.gatewayMetric("arca_audit_failures_total");
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("REVOKE INSERT ON audit.audit_log FROM arca_audit_writer");
        }
        TestHttp.Response refused;
        try {
            refused = http.send("POST", "/v1/secret/data/sabb/failclosed", Map.of("data", Map.of("a", "b")), "X-Vault-Token", t);
        } finally {
            try (Connection c = db(); Statement st = c.createStatement()) {
                st.execute("GRANT INSERT ON audit.audit_log TO arca_audit_writer");
            }
        }
        assertThat(refused.status()).isEqualTo(500);
        assertThat(DevPlatform.gatewayMetric("arca_audit_failures_total")).as("the refused request entry")
                .isEqualTo(failures + 1);
        assertThat(http.send("GET", "/v1/secret/data/sabb/failclosed", null, "X-Vault-Token", t).status())
                .as("the refused write was not executed").isEqualTo(404);
    }

    @Test
    void deniedCallsAreAuditedWithHashedTokens() throws SQLException {
        String bogus = "hvs.bogus-" + UUID.randomUUID();
        String path = "secret/data/sabb/denied-" + UUID.randomUUID();
        assertThat(http.send("GET", "/v1/" + path, null, "X-Vault-Token", bogus).status()).isEqualTo(403);
        String hashed = http.send("POST", "/v1/sys/audit-hash/store", Map.of("input", bogus), "X-Vault-Token", DevPlatform.ROOT_TOKEN)
                .json().path("data").path("hash").asString();
        assertThat(hashed).startsWith("hmac-sha256:");

        List<String> entries = new ArrayList<>();
        try (Connection c = db(); var ps = c.prepareStatement("SELECT type || ' ' || entry FROM audit.audit_log WHERE entry LIKE ? ORDER BY seq")) {
            ps.setString(1, "%" + path + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(rs.getString(1));
                }
            }
        }
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).startsWith("request ");
        assertThat(entries.get(1)).startsWith("response ");
        assertThat(entries).allSatisfy(e -> assertThat(e).contains("permission denied", hashed).doesNotContain(bogus));
    }

    @Test
    void aDeniedRequestsBodyIsAuditedAsOneHashWhateverItHolds() throws SQLException {
        // ~4 MiB of empty strings: hashing each would write entries tens of times the body's size
        StringBuilder body = new StringBuilder("{\"data\":[\"\"");
        while (body.length() < 4 << 20) {
            body.append(",\"\"");
        }
        body.append("]}");
        String path = "secret/data/sabb/huge-" + UUID.randomUUID();
        for (String token : new String[] {"hvs.bogus-" + UUID.randomUUID(), ""}) {
            TestHttp.Response r = http.send("POST", "/v1/" + path, body.toString(), "X-Vault-Token", token);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().path("errors").get(0).asString()).contains("permission denied");
        }
        assertThat(http.send("POST", "/v1/" + path, "{\"data\": [", "X-Vault-Token", "hvs.bogus").status())
                .as("malformed JSON is still refused as such").isEqualTo(400);

        List<Integer> sizes = new ArrayList<>();
        try (Connection c = db(); var ps = c.prepareStatement("SELECT length(entry) FROM audit.audit_log WHERE entry LIKE ? ORDER BY seq")) {
            ps.setString(1, "%" + path + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sizes.add(rs.getInt(1));
                }
            }
        }
        assertThat(sizes).hasSize(4).allSatisfy(size -> assertThat(size).isLessThan(4096));
    }
}
