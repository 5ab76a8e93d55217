package dev.arca.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.service.StandInService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The token cache against a loopback stand-in for identity-service's {@code /internal/tokens/resolve}. */
class TokenResolverTests {

    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private volatile String answer = "{\"accessor\":\"acc-1\",\"policies\":[\"default\"],\"cacheable\":true,\"expire_time\":0}";
    private volatile int status = 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch held = new CountDownLatch(1);
    private final StandInService identity = new StandInService("identity", "/internal/tokens/resolve",
            JsonMapper.builder().build(), exchange -> {
                lookups.incrementAndGet();
                held.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TokenResolver resolver = new TokenResolver(identity.client(), now::get, meters);

    @AfterEach
    void stop() {
        identity.close();
    }

    private double cache(String result) {
        return meters.get("arca.token.cache").tag("result", result).counter().count();
    }

    /** Resolves from many threads at once while identity holds its answer, and collects the outcomes. */
    private List<CompletableFuture<Caller>> concurrently(int callers) throws InterruptedException {
        hold = new CountDownLatch(1);
        List<CompletableFuture<Caller>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            CompletableFuture<Caller> f = new CompletableFuture<>();
            results.add(f);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    f.complete(resolver.resolve("hvs.token"));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }));
        }
        assertThat(held.await(10, TimeUnit.SECONDS)).as("identity asked").isTrue();
        // every caller is parked: in the shared lookup, or (without sharing) in its own HTTP call
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.stream().anyMatch(t -> t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.NEW)
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        hold.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        return results;
    }

    @Test
    void callersOfAStaleEntryShareOneLookup() throws InterruptedException {
        assertThat(resolver.resolve("hvs.token").accessor()).isEqualTo("acc-1");
        assertThat(resolver.resolve("hvs.token").accessor()).as("fresh entry").isEqualTo("acc-1");
        assertThat(lookups).hasValue(1);

        now.addAndGet(31);
        List<CompletableFuture<Caller>> results = concurrently(16);

        assertThat(results).allSatisfy(f -> assertThat(f.join().accessor()).isEqualTo("acc-1"));
        assertThat(lookups).hasValue(2);
        assertThat(cache("stale")).as("each caller of the stale entry").isEqualTo(16);
    }

    @Test
    void theCacheCountsHitsMissesAndStaleEntries() {
        resolver.resolve("hvs.token");
        resolver.resolve("hvs.token");
        resolver.resolve("hvs.token");
        now.addAndGet(31);
        resolver.resolve("hvs.token");

        assertThat(cache("miss")).isEqualTo(1);
        assertThat(cache("hit")).isEqualTo(2);
        assertThat(cache("stale")).isEqualTo(1);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anExpiredTokenIsRefusedFromTheCacheAsAHit() {
        answer = "{\"accessor\":\"acc-3\",\"policies\":[\"default\"],\"cacheable\":true,\"expire_time\":" + (now.get() + 10) + "}";
        resolver.resolve("hvs.short");
        now.addAndGet(10);

        assertThatThrownBy(() -> resolver.resolve("hvs.short")).isInstanceOfSatisfying(VaultException.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThat(cache("miss")).isEqualTo(1);
        assertThat(cache("hit")).isEqualTo(1);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRefreshThatFindsTheTokenRevokedRefusesEveryWaitingCaller() throws InterruptedException {
        resolver.resolve("hvs.token");
        now.addAndGet(31);
        status = 403;
        answer = "{\"errors\":[\"permission denied\"]}";

        List<CompletableFuture<Caller>> results = concurrently(8);

        assertThat(results).allSatisfy(f -> assertThatThrownBy(f::join).cause()
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.status()).isEqualTo(403)));
        assertThat(lookups).hasValue(2);
    }

    @Test
    void tokensWithAUseLimitAreNeverCachedSoEveryUseIsCounted() {
        answer = "{\"accessor\":\"acc-2\",\"policies\":[\"default\"],\"cacheable\":false,\"expire_time\":0}";

        resolver.resolve("hvs.limited");
        resolver.resolve("hvs.limited");

        assertThat(lookups).hasValue(2);
        assertThat(cache("miss")).isEqualTo(2);
        assertThat(cache("hit")).isZero();
    }
}
