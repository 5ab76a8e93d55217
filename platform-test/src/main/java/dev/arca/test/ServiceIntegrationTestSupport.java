package dev.arca.test;

import dev.arca.core.barrier.Barrier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service's integration tests share: the service on a random port (the subclass declares
 * its {@code @SpringBootTest} and registers its database and gateway key), unsealed with the test
 * gateway's keyring before each test.
 */
public abstract class ServiceIntegrationTestSupport {

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

    /** A client of the service. */
    protected TestHttp http() {
        return new TestHttp(baseUrl());
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }
}
