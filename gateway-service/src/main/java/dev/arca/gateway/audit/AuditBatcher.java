package dev.arca.gateway.audit;

import dev.arca.core.context.ContextSigner;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.ServiceUnavailableException;
import dev.arca.gateway.service.SystemContexts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries audit entries of many concurrent API calls to audit-service in few calls: a caller
 * queues its entry and waits; one dispatcher takes whatever has queued (at most
 * {@link #MAX_BATCH}) as soon as one of {@link #IN_FLIGHT} send slots is free and posts it as one JSON
 * array, which audit-service stores in one group commit. The caller's future completes only once
 * audit-service has answered 204 for the whole batch (every entry durable), and fails otherwise, so
 * the fail-closed contract of one entry per call holds. An idle gateway sends an entry at once; under
 * load batches grow while the slots are busy.
 *
 * <p>Batches travel under the gateway's own system context; over HTTP it is signed once and reused
 * for half its lifetime, so audit-service verifies it once ({@code VerifiedContextCache}) instead of
 * per entry. A co-located audit-service takes the batch in process, as a JSON tree that it need not
 * parse.
 */
final class AuditBatcher implements AutoCloseable {

    static final int MAX_BATCH = 256;
    static final int IN_FLIGHT = 4;
    private static final long RESIGN_NANOS = ContextSigner.LIFETIME.toNanos() / 2;
    private static final Logger log = LoggerFactory.getLogger(AuditBatcher.class);
    private static final RequestContext CONTEXT = SystemContexts.internal("update", "sys/audit/log");

    record Pending(ObjectNode entry, CompletableFuture<Void> stored) {
    }

    private record Signed(String jwt, long signedAt) {
    }

    private final ServiceClient client;
    private final ContextSigner signer;
    private final JsonMapper json;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final Thread dispatcher;
    private volatile @Nullable Signed context;
    private volatile boolean running = true;

    AuditBatcher(ServiceClient client, ContextSigner signer, JsonMapper json) {
        this.client = client;
        this.signer = signer;
        this.json = json;
        this.dispatcher = Thread.ofPlatform().name("arca-audit-batcher").daemon().start(this::dispatch);
    }

    /** Queues one entry, which must not change afterwards; the future completes when audit-service has stored it. */
    CompletableFuture<Void> submit(ObjectNode entry) {
        Pending p = new Pending(entry, new CompletableFuture<>());
        if (!running) {
            p.stored().completeExceptionally(new IllegalStateException("audit batcher stopped"));
            return p.stored();
        }
        queue.add(p);
        return p.stored();
    }

    private void dispatch() {
        while (running) {
            try {
                Pending first = queue.take();
                slots.acquire();
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    Thread.ofVirtual().name("arca-audit-send").start(() -> {
                        try {
                            send(batch);
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RuntimeException | OutOfMemoryError e) {
                    // no thread for this batch: refuse its calls, keep dispatching
                    slots.release();
                    batch.forEach(p -> p.stored().completeExceptionally(e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("audit batcher stopped")));
    }

    private void send(List<Pending> batch) {
        RuntimeException failure;
        try {
            ServiceClient.Reply reply = client.sendJson("audit", "POST", "/internal/audit/log", CONTEXT,
                    this::signedContext, body(batch));
            if (reply.ok()) {
                batch.forEach(p -> p.stored().complete(null));
                return;
            }
            log.error("audit-service refused a batch of {} audit entries: HTTP {}", batch.size(), reply.status());
            failure = new IllegalStateException("audit-service answered HTTP " + reply.status());
        } catch (ServiceUnavailableException e) {
            log.error("audit-service unreachable; refusing {} requests", batch.size());
            failure = e;
        } catch (RuntimeException e) {
            log.error("could not send {} audit entries: {}", batch.size(), e.getClass().getName());
            failure = e;
        }
        RuntimeException f = failure;
        batch.forEach(p -> p.stored().completeExceptionally(f));
    }

    private ArrayNode body(List<Pending> batch) {
        ArrayNode array = json.createArrayNode();
        batch.forEach(p -> array.add(p.entry()));
        return array;
    }

    private String signedContext() {
        Signed s = context;
        long now = System.nanoTime();
        if (s == null || now - s.signedAt() > RESIGN_NANOS) {
            s = new Signed(signer.sign(CONTEXT, List.of("audit")), now);
            context = s;
        }
        return s.jwt();
    }

    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
    }
}
