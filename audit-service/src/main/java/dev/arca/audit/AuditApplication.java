package dev.arca.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Append-only, hash-chained audit store and audit devices. Its settings live in {@code arca-audit.yml}, so several services can share one classpath. */
@SpringBootApplication
public class AuditApplication {

    public static final String CONFIG_NAME = "arca-audit";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(AuditApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
