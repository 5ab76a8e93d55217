package dev.arca.pki;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** PKI secrets engine. Its settings live in {@code arca-pki.yml}, so several services can share one classpath. */
@SpringBootApplication
public class PkiApplication {

    public static final String CONFIG_NAME = "arca-pki";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PkiApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
