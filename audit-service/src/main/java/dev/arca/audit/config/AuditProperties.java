package dev.arca.audit.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit service ({@code arca.audit.*}).
 *
 * @param maxBatch       most entries the store writes in one transaction (group commit)
 * @param commitTimeout  how long a caller waits for its entry to be stored before the call fails
 * @param deviceCacheTtl how long a replica trusts its cached device list without an invalidation
 * @param verifyPageSize rows read per query while verifying the chain
 */
@ConfigurationProperties("arca.audit")
public record AuditProperties(
        @DefaultValue("500") int maxBatch,
        @DefaultValue("10s") Duration commitTimeout,
        @DefaultValue("5s") Duration deviceCacheTtl,
        @DefaultValue("1000") int verifyPageSize) {
}
