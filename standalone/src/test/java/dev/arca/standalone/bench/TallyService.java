package dev.arca.standalone.bench;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A service in test sources that runs one backend, {@code tally}, for the lease benchmarks. */
@SpringBootApplication
public class TallyService {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TallyService.class).properties(
                "spring.application.name=tally",
                "spring.config.name=arca-tally",
                // its credentials are not stored: it owns no schema
                "spring.flyway.enabled=false");
    }
}
