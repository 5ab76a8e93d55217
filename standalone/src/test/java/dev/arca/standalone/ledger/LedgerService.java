package dev.arca.standalone.ledger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A service in test sources that runs one backend, {@code ledger}, issuing leased credentials the way
 * a database engine would, and recording what was revoked.
 */
@SpringBootApplication
public class LedgerService {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LedgerService.class).properties(
                "spring.application.name=ledger",
                "spring.config.name=arca-ledger",
                // its credentials live in memory: it owns no schema
                "spring.flyway.enabled=false");
    }
}
