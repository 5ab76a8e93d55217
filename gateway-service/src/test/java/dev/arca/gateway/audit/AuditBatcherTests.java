package dev.arca.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.context.ContextSigner;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.StandInService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    private final StandInService audit = new StandInService("audit", "/internal/audit/log", json, exchange -> {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    });
    private final ServiceClient client = audit.client();
    private final ContextSigner signer = audit.signer();

    @AfterEach
    void stop() {
        audit.close();
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
        audit.close();
        try (AuditBatcher batcher = new AuditBatcher(client, signer, json)) {
            CompletableFuture<Void> a = batcher.submit(json.createObjectNode());
            assertThatThrownBy(() -> a.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }
}
