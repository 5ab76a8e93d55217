package dev.arca.pki;

import dev.arca.test.ServiceIntegrationTestSupport;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestGateway;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real PKI service on a random port over a fresh PostgreSQL database, unsealed before each test;
 * each test works on a mount of its own ({@link #mount()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=" + PkiApplication.CONFIG_NAME)
public abstract class PkiIntegrationTestSupport extends ServiceIntegrationTestSupport {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        TestDatabase.register(r, "pki");
        TestGateway.register(r, "pki");
    }

    @Autowired
    protected JdbcClient jdbc;

    protected PkiMount mount() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return new PkiMount(http(), baseUrl(), "pki-" + id + "/", "pki_" + id);
    }

    /** A mount with a root CA (EC P-256 unless said otherwise) and a role {@code web} for example.com and its subdomains. */
    protected PkiMount mountWithRoot() {
        PkiMount m = mount();
        m.postOk("root/generate/internal", java.util.Map.of("common_name", "Arca Test Root", "key_type", "ec", "ttl", "87600h"));
        m.postOk("roles/web", java.util.Map.of("allowed_domains", "example.com", "allow_subdomains", true, "key_type", "ec",
                "max_ttl", "720h"));
        return m;
    }
}
