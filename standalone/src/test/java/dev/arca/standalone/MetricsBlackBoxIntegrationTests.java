package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.vault.support.VaultTokenRequest;
import tools.jackson.databind.JsonNode;

/** Vault's {@code sys/metrics} at the gateway, and the gateway's actuator on its management port only. */
class MetricsBlackBoxIntegrationTests {

    private final TestHttp http = DevPlatform.http();

    @Test
    void sysMetricsAnswersPrometheusTextWithTheGatewaysMeters() {
        String t = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("GET", "/v1/sys/mounts", null, "X-Vault-Token", t).status()).isEqualTo(200);

        TestHttp.Response r = http.send("GET", "/v1/sys/metrics?format=prometheus", null, "X-Vault-Token", t);

        assertThat(r.status()).isEqualTo(200);
        assertThat(org.springframework.http.MediaType.parseMediaType(r.headers().get("content-type").getFirst()))
                .isEqualTo(org.springframework.http.MediaType.parseMediaType("text/plain; version=0.0.4; charset=utf-8"));
        assertThat(r.body()).startsWith("# HELP ")
                .contains("\narca_seal_sealed 0.0\n", "\narca_seal_initialized 1.0\n")
                .containsPattern("\narca_token_cache_total\\{result=\"hit\"} [1-9]")
                .containsPattern("\narca_audit_emit_seconds_count [1-9]")
                .containsPattern("\narca_audit_failures_total [0-9.]+\n")
                .containsPattern("\narca_requests_seconds_count\\{operation=\"read\",status=\"2xx\",type=\"system\"} [1-9]")
                .doesNotContain(t);
    }

    @Test
    void sysMetricsNeedsATokenWhosePoliciesAllowIt() {
        TestHttp.Response anonymous = http.send("GET", "/v1/sys/metrics?format=prometheus", null);
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.headers().get("content-type")).singleElement().asString().startsWith("application/json");
        assertThat(anonymous.json().get("errors").get(0).asString()).contains("permission denied");

        String defaultOnly = DevPlatform.root().opsForToken()
                .create(VaultTokenRequest.builder().policies(List.of("default")).build()).getToken().getToken();
        assertThat(http.send("GET", "/v1/sys/metrics?format=prometheus", null, "X-Vault-Token", defaultOnly).status())
                .isEqualTo(403);
    }

    @Test
    void withoutAFormatSysMetricsAnswersVaultsJsonSummary() {
        String t = DevPlatform.ROOT_TOKEN;
        TestHttp.Response r = http.send("GET", "/v1/sys/metrics", null, "X-Vault-Token", t);

        assertThat(r.status()).isEqualTo(200);
        JsonNode summary = r.json();
        assertThat(summary.get("Timestamp").asString()).endsWith(" +0000 UTC");
        assertThat(summary.get("Gauges").valueStream().filter(g -> g.get("Name").asString().equals("arca.seal.sealed")))
                .singleElement().satisfies(g -> assertThat(g.get("Value").asDouble()).isZero());
        assertThat(summary.get("Counters").valueStream().filter(c -> c.get("Name").asString().equals("arca.token.cache")
                && c.get("Labels").get("result").asString().equals("hit")))
                .singleElement().satisfies(c -> assertThat(c.get("Count").asLong()).isPositive());
        assertThat(summary.get("Samples").valueStream().map(s -> s.get("Name").asString())).contains("arca.audit.emit");

        TestHttp.Response unknown = http.send("GET", "/v1/sys/metrics?format=statsd", null, "X-Vault-Token", t);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).asString()).isEqualTo("metric response format \"statsd\" unknown");
    }

    @Test
    void theGatewaysActuatorAnswersOnItsManagementPortOnly() {
        TestHttp management = DevPlatform.management();
        TestHttp.Response prometheus = management.send("GET", "/actuator/prometheus", null);
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.headers().get("content-type")).singleElement().asString().startsWith("text/plain");
        assertThat(prometheus.body()).contains("\narca_seal_sealed 0.0\n");
        assertThat(management.send("GET", "/actuator/health", null).json().get("status").asString()).isEqualTo("UP");

        assertThat(http.send("GET", "/actuator/prometheus", null).status()).isNotEqualTo(200);
        assertThat(http.send("GET", "/actuator/health", null).status()).isNotEqualTo(200);
        assertThat(DevPlatform.get().managementPort()).isNotEqualTo(DevPlatform.get().gatewayPort());
    }

    @Test
    void metricTagsCarryNoPathTokenOrAddress() {
        String t = DevPlatform.ROOT_TOKEN;
        http.send("GET", "/v1/secret/data/metricsbb/never-written", null, "X-Vault-Token", t);
        String text = DevPlatform.management().send("GET", "/actuator/prometheus", null).body();
        assertThat(text).contains("arca_token_cache_total").doesNotContain("metricsbb", t, "127.0.0.1");
    }
}
