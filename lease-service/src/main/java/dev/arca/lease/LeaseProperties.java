package dev.arca.lease;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * lease-service's settings ({@code arca.lease.*}).
 *
 * @param systemMaxTtl    the server's {@code max_lease_ttl}: the maximum of a lease whose engine gave none (an
 *                        engine's own, from Vault's rule with the mount's tune, stands, as a mount's overrides the system's)
 * @param expiryInterval  how often the scheduler looks for due leases
 * @param batchSize       how many due leases one claim takes
 * @param maxAttempts     failed revocations after which a lease is marked irrevocable
 * @param backoff         the wait after the first failed revocation; doubled after each further one
 * @param maxBackoff      the longest wait between attempts
 */
@ConfigurationProperties("arca.lease")
public record LeaseProperties(
        @DefaultValue("768h") Duration systemMaxTtl,
        @DefaultValue("1s") Duration expiryInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("5s") Duration backoff,
        @DefaultValue("10m") Duration maxBackoff) {
}
