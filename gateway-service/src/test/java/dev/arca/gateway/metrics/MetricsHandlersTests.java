package dev.arca.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalHandler;
import dev.arca.gateway.api.LocalRoutes;
import dev.arca.core.backend.Operation;
import dev.arca.gateway.service.SystemContexts;
import dev.arca.gateway.token.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MetricsHandlersTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LocalHandler handler = handler(new StaticListableBeanFactory(Map.of("prometheus", registry)));

    MetricsHandlersTests() {
        Counter.builder("arca.token.cache").tag("result", "hit").register(registry).increment(3);
        Timer.builder("arca.audit.emit").register(registry).record(Duration.ofMillis(4));
    }

    private LocalHandler handler(StaticListableBeanFactory beans) {
        LocalRoutes routes = new LocalRoutes();
        new MetricsHandlers(registry, beans.getBeanProvider(PrometheusMeterRegistry.class)).register(routes);
        return Objects.requireNonNull(routes.find("sys/metrics", Operation.READ));
    }

    private static ApiCall call(String query, Map<String, String> params) {
        return new ApiCall(SystemContexts.internal("read", "sys/metrics"), Operation.READ, "GET", "sys/metrics", query, params,
                JsonMapper.builder().build().missingNode(), new byte[0], null,
                new Caller("hvs.t", "acc", List.of("root"), "", "root", 0, false));
    }

    @Test
    void prometheusFormatAnswersTheTextExposition() {
        ApiResult r = handler.handle(call("format=prometheus", Map.of("format", "prometheus")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isInstanceOfSatisfying(ApiResult.Raw.class, raw -> {
            assertThat(raw.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(new String(raw.bytes(), StandardCharsets.UTF_8))
                    .contains("arca_token_cache_total{result=\"hit\"} 3.0")
                    .contains("arca_audit_emit_seconds_count 1");
        });
    }

    @Test
    void noFormatAnswersVaultsJsonSummary() {
        ApiResult r = handler.handle(call("", Map.of()));

        assertThat(r.status()).isEqualTo(200);
        JsonNode summary = json.valueToTree(r.body());
        assertThat(summary.propertyNames()).containsExactly("Timestamp", "Gauges", "Points", "Counters", "Samples");
        assertThat(summary.get("Counters").valueStream().filter(c -> c.get("Name").asString().equals("arca.token.cache")))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("Count").asLong()).isEqualTo(3);
                    assertThat(c.get("Labels").get("result").asString()).isEqualTo("hit");
                });
        assertThat(summary.get("Samples").valueStream().filter(s -> s.get("Name").asString().equals("arca.audit.emit")))
                .singleElement().satisfies(s -> {
                    assertThat(s.get("Count").asLong()).isEqualTo(1);
                    assertThat(s.get("Sum").asDouble()).as("milliseconds").isEqualTo(4.0);
                    assertThat(s.get("Labels").isEmpty()).isTrue();
                });
    }

    @Test
    void theTimestampIsWrittenAsGoPrintsIt() {
        Map<String, Object> summary = MetricsSummary.of(registry, Instant.parse("2025-06-01T12:34:56.789Z"));
        assertThat(summary.get("Timestamp")).isEqualTo("2025-06-01 12:34:56 +0000 UTC");
    }

    @Test
    void anUnknownFormatIsRefusedAsVaultDoes() {
        assertThatThrownBy(() -> handler.handle(call("format=statsd", Map.of("format", "statsd"))))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).containsExactly("metric response format \"statsd\" unknown");
                });
    }

    @Test
    void withoutAPrometheusRegistryThePrometheusFormatIsRefused() {
        LocalHandler none = handler(new StaticListableBeanFactory());
        assertThatThrownBy(() -> none.handle(call("format=prometheus", Map.of("format", "prometheus"))))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.errors()).containsExactly("prometheus is not enabled"));
    }
}
