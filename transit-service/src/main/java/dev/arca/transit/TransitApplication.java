package dev.arca.transit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Transit secrets engine. Its settings live in {@code arca-transit.yml}, so several services can share one classpath. */
@SpringBootApplication
public class TransitApplication {

    public static final String CONFIG_NAME = "arca-transit";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TransitApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
