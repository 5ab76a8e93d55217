package dev.arca.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.ContextSigner;
import dev.arca.gateway.service.ServiceClient;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AuditBatcherTests {

    private final ServiceClient client = mock(ServiceClient.class);
    private final ContextSigner signer = new ContextSigner((ECPrivateKey) ContextKeys.generate().getPrivate());

    @Test
    void everyEntryArrivesOnceInsideAJsonArrayAndItsCallerIsReleased() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        when(client.sendSigned(eq("audit"), eq("POST"), eq("/internal/audit/log"), anyString(), any(), eq("application/json")))
                .thenAnswer(inv -> {
                    bodies.add(new String((byte[]) inv.getArgument(4), StandardCharsets.UTF_8));
                    return new ServiceClient.Reply(204, null, new byte[0]);
                });
        try (AuditBatcher batcher = new AuditBatcher(client, signer)) {
            List<CompletableFuture<Void>> stored = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                stored.add(batcher.submit(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(bodies).allSatisfy(b -> assertThat(b).startsWith("[").endsWith("]"));
        String all = String.join(",", bodies);
        for (int i = 0; i < 300; i++) {
            assertThat(all).containsOnlyOnce("{\"n\":" + i + "}");
        }
    }

    @Test
    void aRefusedBatchFailsEveryCallerInIt() {
        when(client.sendSigned(anyString(), anyString(), anyString(), anyString(), any(), any()))
                .thenReturn(new ServiceClient.Reply(500, null, new byte[0]));
        try (AuditBatcher batcher = new AuditBatcher(client, signer)) {
            CompletableFuture<Void> a = batcher.submit("{}".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> b = batcher.submit("{}".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> a.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThatThrownBy(() -> b.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }
}
