package dev.arca.transit;

import dev.arca.core.barrier.Barrier;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real transit service on a random port over a fresh PostgreSQL database, unsealed before each
 * test; each test works on a mount of its own ({@link #mount()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + TransitApplication.CONFIG_NAME)
public abstract class TransitIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "transit");
        TestGateway.register(r, "transit");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Barrier barrier;

    @BeforeEach
    void unsealed() {
        if (barrier.isSealed()) {
            barrier.unseal(TestGateway.KEYRING);
        }
    }

    protected TransitMount mount() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new TransitMount(new TestHttp("http://127.0.0.1:" + port), "transit-" + id + "/", "transit_" + id);
    }
}
