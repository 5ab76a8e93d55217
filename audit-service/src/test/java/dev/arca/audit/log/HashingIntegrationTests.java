package dev.arca.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.audit.AuditIntegrationTestSupport;
import dev.arca.audit.hash.Hmac;
import dev.arca.core.barrier.Keyring;
import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HashingIntegrationTests extends AuditIntegrationTestSupport {

    private String auditHash(String device, String input) {
        TestHttp.Response r = call("POST", "/v1/sys/audit-hash/" + device, Map.of("input", input));
        assertThat(r.status()).isEqualTo(200);
        String hash = r.json().at("/data/hash").asString();
        assertThat(hash).startsWith(Hmac.PREFIX);
        assertThat(r.json().get("hash").asString()).isEqualTo(hash);
        return hash;
    }

    @Test
    void storedEntriesCarryNoPlaintextTokenOrSecret() {
        String id = UUID.randomUUID().toString();
        assertThat(call("POST", "/internal/audit/log", requestEntry(id, "hvs.xyz", Map.of("password", "p"))).status())
                .isEqualTo(204);

        String raw = jdbc.queryForObject("SELECT entry FROM audit_log WHERE request_id = ?", String.class, id);
        assertThat(raw).doesNotContain("hvs.xyz").doesNotContain("\"p\"");
        JsonNode stored = storedEntry(id);
        assertThat(stored.at("/request/data/password").asString()).isEqualTo(auditHash("store", "p"));
        assertThat(stored.at("/auth/client_token").asString()).isEqualTo(auditHash("store/", "hvs.xyz"));
        assertThat(stored.at("/request/client_token").asString()).isEqualTo(auditHash("store", "hvs.xyz"));
        assertThat(stored.at("/auth/accessor").asString()).isEqualTo(auditHash("store", "acc-" + id));
        assertThat(stored.at("/request/path").asString()).isEqualTo("secret/data/app");
        assertThat(stored.at("/request/id").asString()).isEqualTo(id);
        assertThat(stored.get("type").asString()).isEqualTo("request");
    }

    @Test
    void responseEntriesHashDataAndIssuedTokens() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> entry = new java.util.LinkedHashMap<>(requestEntry(id, "hvs.caller", Map.of()));
        entry.put("type", "response");
        entry.put("response", Map.of("mount_type", "kv", "data", Map.of("data", Map.of("api_key", "s3cr3t", "list", List.of("x1"))),
                "auth", Map.of("client_token", "hvs.issued", "accessor", "acc-issued")));
        assertThat(call("POST", "/internal/audit/log", entry).status()).isEqualTo(204);

        String raw = jdbc.queryForObject("SELECT entry FROM audit_log WHERE request_id = ? AND type = 'response'", String.class, id);
        assertThat(raw).doesNotContain("s3cr3t", "hvs.issued", "hvs.caller", "\"x1\"");
        JsonNode stored = TestHttp.JSON.readTree(raw);
        assertThat(stored.at("/response/data/data/api_key").asString()).isEqualTo(auditHash("store", "s3cr3t"));
        assertThat(stored.at("/response/auth/client_token").asString()).isEqualTo(auditHash("store", "hvs.issued"));
    }

    @Test
    void badInputIsRejected() {
        assertThat(call("POST", "/internal/audit/log", "[1,2]").status()).isEqualTo(400);
        assertThat(call("POST", "/internal/audit/log", Map.of("type", "other")).status()).isEqualTo(400);
        assertThat(call("POST", "/internal/audit/log", "{not json").status()).isEqualTo(400);
        assertThat(call("POST", "/v1/sys/audit-hash/store", Map.of("input", "")).status()).isEqualTo(400);
        assertThat(call("POST", "/v1/sys/audit-hash/nope", Map.of("input", "x")).status()).isEqualTo(400);
    }

    @Test
    void onlyTheGatewayMayLog() {
        String id = UUID.randomUUID().toString();
        assertThat(http.send("POST", "/internal/audit/log", requestEntry(id, "hvs.t", Map.of())).status()).isEqualTo(401);
        String forKv = TestGateway.bearer(TestGateway.root("update", "sys/x"), "kv");
        assertThat(http.send("POST", "/internal/audit/log", requestEntry(id, "hvs.t", Map.of()), "Authorization", forKv).status())
                .isEqualTo(401);
    }

    @Test
    void whileSealedNothingIsLoggedAndTheApiAnswers503() {
        // seal() wipes the keyring it drops: give it a copy so the JVM-wide test keyring survives
        barrier.unseal(Keyring.fromMap(TestGateway.KEYRING.toMap()));
        barrier.seal();
        try {
            String id = UUID.randomUUID().toString();
            assertThat(call("POST", "/internal/audit/log", requestEntry(id, "hvs.t", Map.of())).status()).isEqualTo(500);
            assertThat(call("GET", "/v1/sys/audit", null).status()).isEqualTo(503);
        } finally {
            barrier.unseal(TestGateway.KEYRING);
        }
    }
}
