package dev.arca.standalone.notes;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A service that exists only in test sources and runs one backend, {@code notes}: it shows that an
 * engine is one package of path families, which the gateway learns from the service's catalog.
 */
@SpringBootApplication
public class NotesService {

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotesService.class).properties(
                "spring.application.name=notes",
                "spring.config.name=arca-notes",
                // its notes live in memory: it owns no schema
                "spring.flyway.enabled=false");
    }
}
