package dev.arca.audit.catalog;

import dev.arca.audit.device.DevicePaths;
import dev.arca.audit.store.VerifyPath;
import dev.arca.core.backend.Backend;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code sys/} paths audit-service owns, as a system backend: devices, hashes and the chain's verification. */
@Configuration(proxyBeanMethods = false)
public class AuditSystemPaths {

    @Bean
    Backend auditSystemBackend(DevicePaths devices, VerifyPath verify) {
        return Backend.builder("audit", Backend.Kind.SYSTEM)
                .description("audit devices, audit hashes and the audit chain's verification")
                .systemPrefix("sys/audit")
                .sudo("audit", "audit/*")
                .paths(devices.families())
                .paths(verify.family())
                .build();
    }
}
