package dev.arca.kv;

import dev.arca.test.ServiceIntegrationTestSupport;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every integration test of the service (same configuration, so it is cached):
 * the real service on a random port over a fresh PostgreSQL database, unsealed before each test.
 * Tests isolate their data with mounts of their own ({@link #v1Mount()}, {@link #v2Mount()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + KvApplication.CONFIG_NAME)
public abstract class KvIntegrationTestSupport extends ServiceIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "kv");
        TestGateway.register(r, "kv");
    }

    @Autowired
    protected JdbcClient jdbc;

    protected KvMount v1Mount() {
        return mount(Map.of("version", "1"));
    }

    protected KvMount v2Mount() {
        return mount(Map.of("version", "2"));
    }

    /** A mount with a unique accessor, at a nested path to show mounts may sit anywhere. */
    protected KvMount mount(Map<String, String> options) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new KvMount(http(), port, "team/" + id + "/kv/", "kv_" + id, options);
    }
}
