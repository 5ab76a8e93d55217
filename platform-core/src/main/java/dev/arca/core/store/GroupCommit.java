package dev.arca.core.store;

import dev.arca.core.api.VaultException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Group commit: callers submit an item and wait on its future; one writer thread takes whatever has
 * queued up (at most {@code maxBatch} items), writes it in one transaction and completes each item's
 * future with its own result, or every future of the batch with the failure. Throughput then grows
 * with concurrency instead of being capped at one commit per call, and each caller still returns only
 * once its item is durable.
 *
 * <p>Closing stops taking items, writes what is already queued and then ends the writer.
 *
 * @param <T> what is written
 * @param <R> each item's result (e.g. whether a conditional insert took place)
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    /** Writes one batch in one transaction; returns one result per item, in order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<R> write(List<T> batch);
    }

    private record Pending<T, R>(T item, CompletableFuture<R> done) {
    }

    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Writer<T, R> writer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the writer thread.
     *
     * @param name     the writer thread's name
     * @param maxBatch the most items in one transaction
     */
    public GroupCommit(String name, int maxBatch, Writer<T, R> writer) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::drain);
    }

    /** Queues an item; the future completes once its batch has committed (or failed). */
    public CompletableFuture<R> submit(T item) {
        if (!running) {
            return CompletableFuture.failedFuture(VaultException.internal("the service is stopping"));
        }
        Pending<T, R> p = new Pending<>(item, new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    /**
     * Writes the item and waits until its batch has committed.
     *
     * @throws VaultException 500 when the write failed, did not end within {@code timeout}, or the
     *                        waiting thread was interrupted; the writer's own runtime failure as is
     */
    public R write(T item, Duration timeout) {
        try {
            return submit(item).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : VaultException.internal("the store failed");
        } catch (TimeoutException e) {
            throw VaultException.internal("the store did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VaultException.internal("interrupted while storing");
        }
    }

    private void drain() {
        List<Pending<T, R>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        failQueued();
    }

    private void failQueued() {
        List<Pending<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(VaultException.internal("the service is stopping")));
    }

    private void write(List<Pending<T, R>> batch) {
        @Nullable Throwable failure = null;
        List<R> results = null;
        try {
            results = writer.write(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                failure = new IllegalStateException("the writer answered " + results.size() + " results for " + batch.size() + " items");
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failure == null) {
                batch.get(i).done().complete(results.get(i));
            } else {
                batch.get(i).done().completeExceptionally(failure);
            }
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** Stops taking items, writes those already queued (for at most ten seconds) and ends the writer. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        // an item queued while closing, after the writer's last look
        failQueued();
    }
}
