package dev.arca.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.local.LocalServices;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.service.ServiceClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batcher against a stand-in for audit-service at the HTTP level: a loopback server that records
 * what arrives at {@code /internal/audit/log} and answers with a chosen status.
 */
class AuditBatcherTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private final HttpServer audit = start();
    private final ContextSigner signer = new ContextSigner((ECPrivateKey) ContextKeys.generate().getPrivate());
    private final ServiceClient client = new ServiceClient(
            new GatewayProperties(Map.of("audit", new GatewayProperties.Endpoint("http://127.0.0.1:" + audit.getAddress().getPort())),
                    new GatewayProperties.Seal("shamir", null), new GatewayProperties.Dev(false, null)),
            signer, json, new StaticListableBeanFactory().getBeanProvider(LocalServices.class));

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/internal/audit/log", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        audit.stop(0);
    }

    @Test
    void everyEntryArrivesOnceInsideAJsonArrayAndItsCallerIsReleased() throws Exception {
        try (AuditBatcher batcher = new AuditBatcher(client, signer, json)) {
            List<CompletableFuture<Void>> stored = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                stored.add(batcher.submit(json.createObjectNode().put("n", i)));
            }
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(bodies).allSatisfy(b -> assertThat(b).startsWith("[").endsWith("]"));
        assertThat(authorizations).allSatisfy(a -> assertThat(a).startsWith("Bearer ey"));
        String all = String.join(",", bodies);
        for (int i = 0; i < 300; i++) {
            assertThat(all).containsOnlyOnce("{\"n\":" + i + "}");
        }
    }

    @Test
    void aRefusedBatchFailsEveryCallerInIt() {
        status = 500;
        try (AuditBatcher batcher = new AuditBatcher(client, signer, json)) {
            CompletableFuture<Void> a = batcher.submit(json.createObjectNode());
            CompletableFuture<Void> b = batcher.submit(json.createObjectNode());
            assertThatThrownBy(() -> a.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> b.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void anUnreachableAuditServiceFailsTheCaller() {
        audit.stop(0);
        try (AuditBatcher batcher = new AuditBatcher(client, signer, json)) {
            CompletableFuture<Void> a = batcher.submit(json.createObjectNode());
            assertThatThrownBy(() -> a.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }
}
