package dev.arca.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.barrier.Barrier;
import dev.arca.test.TestDatabase;
import dev.arca.core.context.RequestContext;
import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context (and one database) for every audit integration test class. Tests that change
 * shared state (grants, the barrier, devices, rows) put it back before they end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + AuditApplication.CONFIG_NAME)
public abstract class AuditIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "audit");
        TestGateway.register(r, "audit");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Barrier barrier;

    @Autowired
    protected JdbcTemplate jdbc;

    protected TestHttp http;
    private String bearer = "";

    @BeforeEach
    void unseal() {
        barrier.unseal(TestGateway.KEYRING);
        http = new TestHttp("http://127.0.0.1:" + port);
        bearer = TestGateway.bearer(TestGateway.root("update", "sys/audit/file"), "audit");
    }

    /** A gateway context for this test, signed once: it lives 60 s, longer than any test here. */
    protected String auth() {
        return bearer;
    }

    /**
     * Calls the service as the gateway would: an API path ({@code /v1/sys/...}) with a context naming that
     * path and the operation of the method, an internal path with the reused context.
     */
    protected TestHttp.Response call(String method, String path, Object body) {
        if (!path.startsWith("/v1/")) {
            return http.send(method, path, body, "Authorization", auth());
        }
        String logical = path.substring(4).replaceFirst("\\?.*$", "");
        String operation = switch (method) {
            case "GET" -> path.contains("list=true") ? "list" : "read";
            case "DELETE" -> "delete";
            default -> "update";
        };
        RequestContext ctx = TestGateway.context(operation, logical, "sys/", "system_test", "system", Map.of(), List.of("root"));
        return http.send(method, path, body, "Authorization", TestGateway.bearer(ctx, "audit"));
    }

    /** An unhashed request entry as the gateway sends it. */
    protected static Map<String, Object> requestEntry(String requestId, String token, Map<String, Object> data) {
        return Map.of(
                "time", "2025-06-01T12:00:00.000000Z",
                "type", "request",
                "auth", Map.of("client_token", token, "accessor", "acc-" + requestId, "display_name", "root",
                        "policies", List.of("root"), "token_policies", List.of("root"), "metadata", Map.of(),
                        "entity_id", "", "token_type", "service"),
                "request", Map.of("id", requestId, "operation", "update", "mount_type", "kv",
                        "mount_accessor", "kv_1234", "client_token", token, "client_token_accessor", "acc-" + requestId,
                        "namespace", Map.of("id", "root"), "path", "secret/data/app", "data", data,
                        "remote_address", "127.0.0.1"),
                "error", "");
    }

    /** Logs a request entry with a fresh request id and returns the id. */
    protected String logOne() {
        String id = UUID.randomUUID().toString();
        assertThat(call("POST", "/internal/audit/log", requestEntry(id, "hvs.token", Map.of("k", "v"))).status()).isEqualTo(204);
        return id;
    }

    protected JsonNode verify() {
        TestHttp.Response r = call("GET", "/v1/sys/audit-verify", null);
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("data");
    }

    protected JsonNode storedEntry(String requestId) {
        return TestHttp.JSON.readTree(jdbc.queryForObject("SELECT entry FROM audit_log WHERE request_id = ?", String.class, requestId));
    }
}
