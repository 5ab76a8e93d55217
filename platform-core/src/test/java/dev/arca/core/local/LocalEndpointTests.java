package dev.arca.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.Keyring;
import dev.arca.core.context.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

class LocalEndpointTests {

    private static final RequestContext CTX = new RequestContext("req-1", "read", "secret/data/a", "secret/", "kv_1", "kv",
            Map.of("version", "2"), "acc", "", "token", List.of("default"), "127.0.0.1");

    private final JsonMapper json = JsonMapper.builder().build();
    private final Barrier barrier = unsealed();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicReference<LocalCall> seen = new AtomicReference<>();

    private static Barrier unsealed() {
        Barrier b = new Barrier();
        b.unseal(Keyring.generate());
        return b;
    }

    private LocalEndpoint endpoint(LocalServices directory, LocalRoute.Handler v1Handler) {
        LocalRoute.Handler counting = call -> {
            handled.incrementAndGet();
            seen.set(call);
            return v1Handler.handle(call);
        };
        return new LocalEndpoint("kv", directory, List.of(
                new LocalRoute(null, "/v1/", counting),
                new LocalRoute("POST", "/internal/log", call -> ResponseEntity.noContent().build())), barrier, json);
    }

    private static LocalCall call(String method, String path, String query) {
        return new LocalCall(method, path, query, CTX, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null,
                "application/json", Map.of("X-Vault-Token", "t"));
    }

    private static String text(LocalReply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aMatchingCallGetsTheHandlersAnswerAsJsonAndTheCallAsSent() {
        LocalEndpoint e = endpoint(new LocalServices(), c -> ResponseEntity.status(201).body(Map.of("key", c.params().get("k"))));

        LocalReply r = e.call(call("GET", "/v1/secret/data/a", "k=a%20b&k=second&list"));

        assertThat(r).isNotNull();
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(text(r)).isEqualTo("{\"key\":\"a b\"}");
        assertThat(r.invalidationsPublished()).isFalse();
        LocalCall got = seen.get();
        assertThat(got.params()).containsEntry("list", "").containsEntry("k", "a b");
        assertThat(got.context()).isEqualTo(CTX);
        assertThat(got.header("x-vault-token")).isEqualTo("t");
        assertThat(got.bodyOrNull()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonBodyComesAsTheCallersTreeOrParsedFromItsBytes() {
        var tree = json.createObjectNode().put("n", 1);
        LocalCall withTree = new LocalCall("POST", "/internal/log", "", CTX, new byte[0], tree, "application/json", Map.of());
        assertThat(withTree.json(json)).isSameAs(tree);
        assertThat(call("POST", "/internal/log", "").json(json).path("a").asInt()).isEqualTo(1);
        LocalCall malformed = new LocalCall("POST", "/internal/log", "", CTX, "{nope".getBytes(StandardCharsets.UTF_8), null,
                "application/json", Map.of());
        assertThatThrownBy(() -> malformed.json(json)).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void callsNoRouteTakesAreLeftToHttp() {
        LocalEndpoint e = endpoint(new LocalServices(), c -> ResponseEntity.ok().build());

        assertThat(e.call(call("GET", "/internal/keyring", ""))).isNull();
        assertThat(e.call(call("GET", "/internal/log", ""))).as("method-bound route").isNull();
        assertThat(e.call(call("POST", "/internal/log/more", ""))).as("exact-path route").isNull();
        assertThat(e.call(call("POST", "/internal/log", "")).status()).isEqualTo(204);
        assertThat(handled).hasValue(0);
    }

    @Test
    void whileSealedV1CallsGetVaultsAnswerWithoutReachingTheHandler() {
        LocalEndpoint e = endpoint(new LocalServices(), c -> ResponseEntity.ok(Map.of()));
        barrier.seal();

        LocalReply r = e.call(call("GET", "/v1/secret/data/a", ""));

        assertThat(r.status()).isEqualTo(503);
        assertThat(text(r)).isEqualTo("{\"errors\":[\"Vault is sealed\"]}");
        assertThat(handled).hasValue(0);
        assertThat(e.call(call("POST", "/internal/log", "")).status()).as("internal paths stay reachable").isEqualTo(204);
    }

    @Test
    void exceptionsBecomeVaultErrorsAndSystemErrorsKeepTheirMessageToThemselves() {
        LocalEndpoint user = endpoint(new LocalServices(), c -> {
            throw VaultException.badRequest("no such version");
        });
        LocalReply bad = user.call(call("GET", "/v1/secret/data/a", ""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(text(bad)).isEqualTo("{\"errors\":[\"no such version\"]}");

        LocalEndpoint broken = endpoint(new LocalServices(), c -> {
            throw new IllegalStateException("password=hunter2");
        });
        LocalReply failed = broken.call(call("GET", "/v1/secret/data/a", ""));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(text(failed)).isEqualTo("{\"errors\":[\"internal error\"]}");
    }

    @Test
    void publishedInvalidationsReachTheReplyOfTheirOwnCallOnly() {
        LocalEndpoint e = endpoint(new LocalServices(), c -> {
            if (c.path().endsWith("/write")) {
                assertThat(LocalCallScope.markInvalidationsPublished()).isTrue();
            }
            return ResponseEntity.noContent().build();
        });

        assertThat(e.call(call("POST", "/v1/secret/data/write", "")).invalidationsPublished()).isTrue();
        assertThat(e.call(call("GET", "/v1/secret/data/read", "")).invalidationsPublished()).isFalse();
        assertThat(LocalCallScope.markInvalidationsPublished()).as("outside a local call").isFalse();
    }

    @Test
    void theServiceDoesNotSeeTheCallersOwnRequestAndTheCallerGetsItBack() {
        RequestAttributes callers = new ServletRequestAttributes(new MockHttpServletRequest("GET", "/v1/secret/data/a"));
        RequestContextHolder.setRequestAttributes(callers);
        try {
            AtomicReference<RequestAttributes> inside = new AtomicReference<>(callers);
            LocalEndpoint e = endpoint(new LocalServices(), c -> {
                inside.set(RequestContextHolder.getRequestAttributes());
                return ResponseEntity.ok().build();
            });

            e.call(call("GET", "/v1/secret/data/a", ""));

            assertThat(inside.get()).isNull();
            assertThat(RequestContextHolder.getRequestAttributes()).isSameAs(callers);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void anEndpointIsListedWhileItRunsAndOnlyWithRoutes() {
        LocalServices directory = new LocalServices();
        LocalEndpoint e = endpoint(directory, c -> ResponseEntity.ok().build());
        LocalEndpoint none = new LocalEndpoint("identity", directory, List.of(), barrier, json);

        e.start();
        none.start();
        assertThat(directory.find("kv")).isSameAs(e);
        assertThat(directory.find("identity")).isNull();

        e.stop();
        assertThat(directory.find("kv")).isNull();
    }
}
