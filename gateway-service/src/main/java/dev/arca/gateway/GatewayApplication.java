package dev.arca.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The public Vault-compatible API: seal, mounts, token resolution, ACL, routing and audit emission. Its settings live in {@code arca-gateway.yml}, so several services can share one classpath. */
@SpringBootApplication
public class GatewayApplication {

    public static final String CONFIG_NAME = "arca-gateway";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static ConfigurableApplicationContext run(String... args) {
        return builder().run(args);
    }

    public static void main(String[] args) {
        run(args);
    }
}
