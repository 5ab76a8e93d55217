package dev.arca.lease;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Lease registry, renewal and expiry-driven revocation. Its settings live in {@code arca-lease.yml}, so several services can share one classpath. */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
public class LeaseApplication {

    public static final String CONFIG_NAME = "arca-lease";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(LeaseApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
