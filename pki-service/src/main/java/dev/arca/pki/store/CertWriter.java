package dev.arca.pki.store;

import dev.arca.core.store.GroupCommit;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collections;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores issued certificates by group commit: concurrent issues' rows go into one transaction (at
 * most {@value #MAX_BATCH} rows), and each caller waits until its own row is committed, so no
 * certificate leaves before it is stored. A failed batch fails every caller in it, and none of its
 * rows stay.
 */
@Component
public class CertWriter implements DisposableBean {

    static final int MAX_BATCH = 256;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private record Pending(String mount, CertRecord cert) {
    }

    private final GroupCommit<Pending, Boolean> commits;

    public CertWriter(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.commits = new GroupCommit<>("pki-cert-writer", MAX_BATCH, batch -> {
            tx.executeWithoutResult(s -> jdbc.batchUpdate(
                    "INSERT INTO pki_cert (mount_accessor, serial, issuer_id, certificate, not_after) VALUES (?, ?, ?, ?, ?)",
                    batch.stream().map(p -> new Object[] {p.mount(), p.cert().serial(), p.cert().issuerId(), p.cert().der(),
                        Timestamp.from(p.cert().notAfter())}).toList()));
            return Collections.nCopies(batch.size(), Boolean.TRUE);
        });
    }

    /** Stores the certificate; returns once it is committed. */
    public void insert(String mount, CertRecord cert) {
        commits.write(new Pending(mount, cert), TIMEOUT);
    }

    @Override
    public void destroy() {
        commits.close();
    }
}
