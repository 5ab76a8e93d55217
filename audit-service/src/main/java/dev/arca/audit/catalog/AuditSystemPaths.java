package dev.arca.audit.catalog;

import dev.arca.core.backend.Backend;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code sys/} paths audit-service owns, published in its catalog so the gateway routes them here.
 * They are served by this service's controllers ({@code device}, {@code store}) rather than path families.
 */
@Configuration(proxyBeanMethods = false)
public class AuditSystemPaths {

    @Bean
    Backend auditSystemBackend() {
        return Backend.builder("audit", Backend.Kind.SYSTEM)
                .description("audit devices, audit hashes and the audit chain's verification")
                .systemPrefix("sys/audit")
                .sudo("audit", "audit/*")
                .build();
    }
}
