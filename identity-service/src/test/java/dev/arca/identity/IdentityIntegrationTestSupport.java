package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.Keyring;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** One Spring context for every identity integration test class: real PostgreSQL, real HTTP, gateway-signed calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IdentityApplication.CONFIG_NAME)
abstract class IdentityIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "identity");
        TestGateway.register(r, "identity");
    }

    @LocalServerPort
    int port;

    @Autowired
    Barrier barrier;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    TestHttp http;

    /** A token as a client holds it. */
    record Token(String id, String accessor, List<String> policies) {
    }

    @BeforeEach
    void unseal() {
        if (barrier.isSealed()) {
            unsealWithCopy(barrier);
        }
        http = new TestHttp("http://127.0.0.1:" + port);
    }

    /** Sealing wipes the keyring it holds, so never hand the barrier the shared {@code TestGateway.KEYRING} itself. */
    static void unsealWithCopy(Barrier barrier) {
        barrier.unseal(Keyring.fromMap(TestGateway.KEYRING.toMap()));
    }

    String internalAuth() {
        return TestGateway.bearer(TestGateway.root("update", "sys/init"), "identity");
    }

    Token root() {
        TestHttp.Response r = http.send("POST", "/internal/tokens/root", Map.of(), "Authorization", internalAuth());
        assertThat(r.status()).isEqualTo(200);
        return new Token(r.json().get("client_token").asString(), r.json().get("accessor").asString(), List.of("root"));
    }

    TestHttp.Response resolve(String token) {
        return http.send("POST", "/internal/tokens/resolve", Map.of("token", token), "Authorization", internalAuth());
    }

    /** Calls a public path as the gateway would forward it for {@code caller}. */
    TestHttp.Response call(String method, String path, @Nullable Object body, Token caller) {
        String operation = switch (method) {
            case "GET" -> path.contains("list=true") ? "list" : "read";
            case "DELETE" -> "delete";
            default -> "update";
        };
        String logical = path.replaceFirst("^/v1/", "").replaceFirst("\\?.*$", "");
        String mount = logical.startsWith("auth/token/") ? "auth/token/" : "sys/";
        RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), operation, logical, mount, "",
                mount.equals("sys/") ? "system" : "token",
                Map.of(), caller.accessor(), "", "token", caller.policies(), "127.0.0.1");
        return http.send(method, path, body, "Authorization", TestGateway.bearer(ctx, "identity"), "X-Vault-Token", caller.id());
    }

    Token create(Token parent, Map<String, Object> body) {
        TestHttp.Response r = call("POST", "/v1/auth/token/create", body, parent);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode auth = r.json().get("auth");
        List<String> policies = new ArrayList<>();
        auth.get("policies").forEach(p -> policies.add(p.asString()));
        return new Token(auth.get("client_token").asString(), auth.get("accessor").asString(), policies);
    }

    static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Listens on the invalidation channel on its own connection while {@code action} runs; returns what arrived. */
    List<String> notificationsDuring(Runnable action, String expected) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + Invalidations.CHANNEL);
            }
            action.run();
            PGConnection pg = c.unwrap(PGConnection.class);
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!seen.contains(expected) && System.nanoTime() < deadline) {
                PGNotification[] batch = pg.getNotifications(200);
                if (batch != null) {
                    for (PGNotification n : batch) {
                        seen.add(n.getParameter());
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *");
            }
            return seen;
        }
    }
}
