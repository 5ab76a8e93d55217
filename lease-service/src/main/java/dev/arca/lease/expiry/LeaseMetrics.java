package dev.arca.lease.expiry;

import dev.arca.lease.store.LeaseRecord;
import dev.arca.lease.store.LeaseStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code arca.leases.irrevocable}: leases the scheduler gave up on, counted at each scrape (a partial index). */
@Component
public class LeaseMetrics {

    public LeaseMetrics(MeterRegistry meters, LeaseStore store) {
        Gauge.builder("arca.leases.irrevocable", store, s -> s.count(LeaseRecord.IRREVOCABLE))
                .description("leases whose revocation failed every attempt")
                .register(meters);
    }
}
