package dev.arca.gateway.metrics;

import dev.arca.gateway.seal.SealManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code arca.seal.sealed} and {@code arca.seal.initialized}: 1 or 0, read from this gateway's seal at
 * each scrape. While sealed, {@code sys/metrics} answers 503 like every API path: the management
 * port's {@code /actuator/prometheus} still shows them.
 */
@Component
class SealMetrics implements MeterBinder {

    private final SealManager seal;

    SealMetrics(SealManager seal) {
        this.seal = seal;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("arca.seal.sealed", seal, s -> s.isSealed() ? 1 : 0)
                .description("1 while this gateway is sealed, else 0").register(registry);
        Gauge.builder("arca.seal.initialized", seal, s -> s.isInitialized() ? 1 : 0)
                .description("1 once storage is initialised, else 0").register(registry);
    }
}
