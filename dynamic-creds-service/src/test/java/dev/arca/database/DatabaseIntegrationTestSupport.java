package dev.arca.database;

import dev.arca.test.ServiceIntegrationTestSupport;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real database service on a random port over a fresh PostgreSQL database for its own storage,
 * unsealed before each test, called with a signed root context as the gateway forwards calls. No
 * lease-service runs beside it: a lease cannot be registered here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + DatabaseApplication.CONFIG_NAME)
public abstract class DatabaseIntegrationTestSupport extends ServiceIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "database");
        TestGateway.register(r, "database");
    }

    protected final String mountPath = "database-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    protected final String accessor = "database_" + UUID.randomUUID().toString().substring(0, 8);

    /** A call on this test's mount. */
    protected TestHttp.Response call(String method, String rel, @Nullable Object body) {
        String operation = switch (method) {
            case "GET" -> "read";
            case "LIST" -> "list";
            case "DELETE" -> "delete";
            default -> "update";
        };
        String bearer = TestGateway.bearer(TestGateway.context(operation, mountPath + rel, mountPath, accessor, "database", Map.of(),
                List.of("root")), "database");
        TestHttp http = http();
        if (method.equals("LIST")) {
            return http.send("GET", "/v1/" + mountPath + rel + "?list=true", null, "Authorization", bearer);
        }
        return http.send(method, "/v1/" + mountPath + rel, body, "Authorization", bearer);
    }

    protected String error(int status, String method, String rel, @Nullable Object body) {
        TestHttp.Response r = call(method, rel, body);
        if (r.status() != status) {
            throw new AssertionError(method + " " + rel + " expected " + status + " but was " + r.status() + ": " + r.body());
        }
        return r.json().path("errors").path(0).asString();
    }
}
