package dev.arca.gateway.metrics;

import static dev.arca.core.backend.Operation.READ;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code sys/metrics}, Vault's way: {@code ?format=prometheus} answers the Prometheus text exposition
 * of the gateway's registry; no format answers Vault's JSON summary ({@link MetricsSummary}); any
 * other format is refused. Like every sys path it needs a token whose policies allow reading it.
 */
@Component
public class MetricsHandlers implements LocalRoutes.Registrar {

    /** Prometheus' text exposition format 0.0.4, which Vault answers too. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry meters;
    private final ObjectProvider<PrometheusMeterRegistry> prometheus;

    public MetricsHandlers(MeterRegistry meters, ObjectProvider<PrometheusMeterRegistry> prometheus) {
        this.meters = meters;
        this.prometheus = prometheus;
    }

    @Override
    public void register(LocalRoutes routes) {
        routes.exact("sys/metrics", Set.of(READ), this::read);
    }

    private ApiResult read(ApiCall call) {
        String format = call.params().getOrDefault("format", "");
        return switch (format) {
            case "prometheus" -> prometheusText();
            case "" -> ApiResult.ok(MetricsSummary.of(meters, Instant.now()));
            default -> throw VaultException.badRequest("metric response format \"" + format + "\" unknown");
        };
    }

    private ApiResult prometheusText() {
        PrometheusMeterRegistry registry = prometheus.getIfAvailable();
        if (registry == null) {
            throw VaultException.badRequest("prometheus is not enabled");
        }
        return ApiResult.raw(PROMETHEUS_TEXT, registry.scrape(PROMETHEUS_TEXT).getBytes(StandardCharsets.UTF_8));
    }
}
