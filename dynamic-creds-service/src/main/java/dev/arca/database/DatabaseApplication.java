package dev.arca.database;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Database secrets engine. Its settings live in {@code arca-database.yml}, so several services can share one classpath. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DatabaseApplication {

    public static final String CONFIG_NAME = "arca-database";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(DatabaseApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
