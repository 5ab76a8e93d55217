package dev.arca.pki.store;

import dev.arca.core.api.VaultException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores issued certificates with group commit: concurrent issues' rows go into one transaction (at
 * most {@value #MAX_BATCH} rows), written by one thread while the next batch gathers, and each caller
 * waits until its own row is committed, so no certificate leaves before it is stored. A failed batch
 * fails every caller in it, and none of its rows stay.
 */
@Component
public class CertWriter implements DisposableBean {

    static final int MAX_BATCH = 256;

    private record Pending(String mount, CertRecord cert, CompletableFuture<Void> done) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public CertWriter(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.writer = Thread.ofPlatform().daemon().name("pki-cert-writer").start(this::run);
    }

    /** Stores the certificate; returns once it is committed. */
    public void insert(String mount, CertRecord cert) {
        Pending p = new Pending(mount, cert, new CompletableFuture<>());
        queue.add(p);
        try {
            p.done().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw VaultException.internal("the certificate store did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VaultException.internal("interrupted while storing the certificate");
        }
    }

    private void run() {
        while (running) {
            Pending first;
            try {
                first = queue.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                tx.executeWithoutResult(s -> jdbc.batchUpdate(
                        "INSERT INTO pki_cert (mount_accessor, serial, issuer_id, certificate, not_after) VALUES (?, ?, ?, ?, ?)",
                        batch.stream().map(p -> new Object[] {p.mount(), p.cert().serial(), p.cert().issuerId(), p.cert().der(),
                            Timestamp.from(p.cert().notAfter())}).toList()));
                batch.forEach(p -> p.done().complete(null));
            } catch (RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    @Override
    public void destroy() {
        running = false;
        writer.interrupt();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(VaultException.internal("the service is stopping")));
    }
}
