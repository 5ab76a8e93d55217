package dev.arca.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.backend.Descriptors.PathInfo;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.backend.SpecialPaths;
import dev.arca.gateway.service.StandInService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's view of a service's catalog, served by a loopback stand-in exactly as a service's
 * dispatcher publishes it: types, aliases and their options, kinds, system prefixes, special paths
 * and which writes need an existence check.
 */
class CatalogTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Backend ENGINE = Backend.builder("stuff", Backend.Kind.SECRET)
            .alias("stuff-v2", Map.of("version", "2"))
            .unauthenticated("public/*", "login")
            .sudo("admin")
            .paths(PathFamily.of("data/{path+}").read(r -> null, "r").write(r -> null, "w").existenceCheck(r -> true).when("version", "2")
                            .build(),
                    PathFamily.of("config").write(r -> null, "w").build(),
                    PathFamily.of("{path*}").write(r -> null, "w").existenceCheck(r -> true).when("version", "1").build())
            .build();
    private static final Backend SYSTEM = Backend.builder("rules", Backend.Kind.SYSTEM)
            .systemPrefix("sys/rules").systemPrefix("sys/rules/special").build();
    private static final Backend AUTH = Backend.builder("pass", Backend.Kind.AUTH).builtinMount("auth/pass/").build();

    private final AtomicInteger served = new AtomicInteger();
    private volatile int status = 200;
    private final byte[] catalog = JSON.writeValueAsBytes(new BackendDispatcher("things", List.of(ENGINE, SYSTEM, AUTH), JSON, null).catalog());
    private final StandInService service = new StandInService("things", "/internal/catalog", JSON, exchange -> {
        served.incrementAndGet();
        byte[] body = status == 200 ? catalog : "{\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    });
    private final Catalog gatewayView = new Catalog(service.client(), service.properties(), JSON);

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void typesAliasesAndKinds() {
        Catalog.Resolved alias = gatewayView.resolve("stuff-v2").orElseThrow();
        assertThat(alias.entry().info().type()).isEqualTo("stuff");
        assertThat(alias.impliedOptions()).containsEntry("version", "2");
        assertThat(gatewayView.resolve("stuff").orElseThrow().impliedOptions()).isEmpty();
        assertThat(gatewayView.resolve("pass").orElseThrow().entry().info().kind()).isEqualTo("auth");
        assertThat(gatewayView.resolve("pass").orElseThrow().entry().info().builtinMount()).isEqualTo("auth/pass/");
        assertThat(gatewayView.resolve("rules")).as("system backends are not mountable types").isEmpty();
        assertThat(gatewayView.type("stuff").orElseThrow().info().service()).isEqualTo("things");
        assertThat(served.get()).as("read once").isEqualTo(1);
    }

    @Test
    void systemPathsGoToTheLongestPrefix() {
        assertThat(gatewayView.system("sys/rules/special/x").orElseThrow().info().type()).isEqualTo("rules");
        assertThat(gatewayView.system("sys/mounts")).isEmpty();
    }

    @Test
    void existenceChecksDependOnTheFamilyAndTheMountsOptions() {
        Catalog.Entry e = gatewayView.type("stuff").orElseThrow();
        PathInfo v2data = e.family("data/a/b", Map.of("version", "2"));
        assertThat(v2data).isNotNull();
        assertThat(v2data.existenceCheck()).isTrue();
        assertThat(e.family("config", Map.of("version", "2")).existenceCheck()).isFalse();
        assertThat(e.family("data/a", Map.of("version", "1")).pattern()).as("v1 serves every path with its own family")
                .isEqualTo("{path*}");
        assertThat(e.family("data/a", Map.of("version", "3"))).isNull();
    }

    @Test
    void specialPathsAreRelativeToTheMount() {
        var info = gatewayView.type("stuff").orElseThrow().info();
        assertThat(SpecialPaths.matches(info.unauthenticated(), "public/x/y")).isTrue();
        assertThat(SpecialPaths.matches(info.unauthenticated(), "login")).isTrue();
        assertThat(SpecialPaths.matches(info.unauthenticated(), "login/extra")).isFalse();
        assertThat(SpecialPaths.matches(info.sudo(), "admin")).isTrue();
        assertThat(SpecialPaths.matches(info.sudo(), "data/admin")).isFalse();
    }

    @Test
    void aServiceThatIsNotUpYetIsAskedAgainLater() throws Exception {
        status = 503;
        assertThat(gatewayView.resolve("stuff")).isEmpty();
        status = 200;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gatewayView.resolve("stuff").isEmpty()) {
            assertThat(System.nanoTime()).as("catalog asked again within 5 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(served.get()).isGreaterThanOrEqualTo(2);
    }
}
