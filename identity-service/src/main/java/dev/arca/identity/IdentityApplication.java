package dev.arca.identity;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Token store, auth methods and ACL policies. Its settings live in {@code arca-identity.yml}, so several services can share one classpath. */
@SpringBootApplication
@EnableScheduling
public class IdentityApplication {

    public static final String CONFIG_NAME = "arca-identity";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IdentityApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
