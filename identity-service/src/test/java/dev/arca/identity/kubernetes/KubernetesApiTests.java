package dev.arca.identity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

/** The API server calls against a local HTTP server: what is sent, and every way an answer can go wrong. */
@Timeout(30)
class KubernetesApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> seenBody = new AtomicReference<>();
    private final AtomicReference<String> seenAuth = new AtomicReference<>();
    private HttpServer server;
    private KubernetesApi.Endpoint endpoint;
    private final KubernetesApi api = new KubernetesApi(JSON, Duration.ofSeconds(2), Duration.ofSeconds(2));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apis/authentication.k8s.io/v1/tokenreviews", ex -> {
            seenBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            seenAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
            reply(ex, 201, """
                    {"kind":"TokenReview","status":{"authenticated":true,"audiences":["vault"],
                     "user":{"username":"system:serviceaccount:prod:app","uid":"uid-1"}}}""");
        });
        server.createContext("/api/v1/namespaces/prod", ex -> reply(ex, 200, "{\"metadata\":{\"labels\":{\"env\":\"prod\"}}}"));
        server.createContext("/api/v1/namespaces/denied", ex -> reply(ex, 403, "{}"));
        server.createContext("/api/v1/namespaces/huge", ex -> reply(ex, 200, "{\"x\":\"" + "a".repeat(KubernetesApi.MAX_BODY) + "\"}"));
        server.createContext("/api/v1/namespaces/stall", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("{\"metadata\":".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        endpoint = new KubernetesApi.Endpoint("http://127.0.0.1:" + server.getAddress().getPort(), "");
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTokenReviewCarriesTheTokenAndAudienceAndIsAuthenticatedByTheBearer() {
        KubernetesApi.Reviewed r = api.review(endpoint, "reviewer.jwt.value", "caller.jwt.value", "vault");
        assertThat(r).isEqualTo(new KubernetesApi.Reviewed("prod", "app", "uid-1", List.of("vault")));
        assertThat(seenAuth.get()).isEqualTo("Bearer reviewer.jwt.value");
        assertThat(JSON.readTree(seenBody.get()).path("spec").path("token").asString()).isEqualTo("caller.jwt.value");
        assertThat(JSON.readTree(seenBody.get()).path("spec").path("audiences").get(0).asString()).isEqualTo("vault");
        assertThat(JSON.readTree(seenBody.get()).path("kind").asString()).isEqualTo("TokenReview");
    }

    @Test
    void namespaceLabelsAndEveryFailure() {
        assertThat(api.namespaceLabels(endpoint, "t", "prod")).containsEntry("env", "prod");
        assertThatThrownBy(() -> api.namespaceLabels(endpoint, "t", "denied")).isInstanceOf(KubernetesApi.Failure.class)
                .hasMessageContaining("unauthorized");
        assertThatThrownBy(() -> api.namespaceLabels(endpoint, "t", "missing")).isInstanceOf(KubernetesApi.Failure.class)
                .hasMessage("the API server answered 404");
        assertThatThrownBy(() -> api.namespaceLabels(endpoint, "t", "huge")).isInstanceOf(KubernetesApi.Failure.class);
        long start = System.nanoTime();
        assertThatThrownBy(() -> api.namespaceLabels(endpoint, "t", "stall")).isInstanceOf(KubernetesApi.Failure.class)
                .hasMessage("the API server did not answer in time");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a body that never ends meets the deadline").isLessThan(Duration.ofSeconds(10));
        KubernetesApi.Endpoint down = new KubernetesApi.Endpoint("http://127.0.0.1:" + closedPort(), "");
        assertThatThrownBy(() -> api.namespaceLabels(down, "t", "prod")).isInstanceOf(KubernetesApi.Failure.class)
                .hasMessageStartingWith("the API server did not answer: ");
    }
}
