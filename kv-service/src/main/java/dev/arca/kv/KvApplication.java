package dev.arca.kv;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** KV secrets engine, versions 1 and 2. Its settings live in {@code arca-kv.yml}, so several services can share one classpath. */
@SpringBootApplication
public class KvApplication {

    public static final String CONFIG_NAME = "arca-kv";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(KvApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
