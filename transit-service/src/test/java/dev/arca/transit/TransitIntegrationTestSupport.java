package dev.arca.transit;

import dev.arca.test.ServiceIntegrationTestSupport;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real transit service on a random port over a fresh PostgreSQL database, unsealed before each
 * test; each test works on a mount of its own ({@link #mount()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + TransitApplication.CONFIG_NAME)
public abstract class TransitIntegrationTestSupport extends ServiceIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "transit");
        TestGateway.register(r, "transit");
    }

    protected TransitMount mount() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new TransitMount(http(), "transit-" + id + "/", "transit_" + id);
    }
}
