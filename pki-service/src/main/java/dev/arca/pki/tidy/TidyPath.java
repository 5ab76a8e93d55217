package dev.arca.pki.tidy;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.crl.Crls;
import dev.arca.pki.store.CertRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code tidy}, {@code tidy-status} and {@code tidy-cancel}: removes certificates that expired more
 * than {@code safety_buffer} ago, in batches of {@value #BATCH} (one transaction each), in the
 * background; revoked ones leave the CRLs too. The status is this replica's, as in Vault.
 */
@Component
public class TidyPath {

    static final int BATCH = 1000;

    private final CertRepository certs;
    private final Crls crls;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    public TidyPath(CertRepository certs, Crls crls) {
        this.certs = certs;
        this.crls = crls;
    }

    /** One mount's last or running tidy. */
    private static final class Status {
        final Map<String, Object> params;
        final Instant started = Instant.now();
        final AtomicBoolean cancel = new AtomicBoolean();
        volatile String state = "Running";
        volatile String error = "";
        volatile Instant finished;
        volatile long deletedCerts;
        volatile long deletedRevoked;

        Status(Map<String, Object> params) {
            this.params = params;
        }
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("tidy")
                        .field(Field.of("tidy_cert_store", FieldType.BOOL, "Remove expired certificates.").withDefault(false))
                        .field(Field.of("tidy_revoked_certs", FieldType.BOOL, "Remove expired revoked certificates.").withDefault(false))
                        .field(Field.of("tidy_revoked_cert_issuer_associations", FieldType.BOOL, "Not needed: always associated.")
                                .withDefault(false))
                        .field(Field.of("safety_buffer", FieldType.DURATION, "How long after expiry a certificate is kept.")
                                .withDefault(259_200L).range(1, Long.MAX_VALUE / 1_000_000_000L))
                        .field(Field.of("pause_duration", FieldType.DURATION, "Not supported (no pause between batches).")
                                .withDefault(0L))
                        .write(this::start, "Start a tidy.")
                        .help("Remove expired certificates from the store.", "Runs in the background; see tidy-status.")
                        .build(),
                PathFamily.of("tidy-status")
                        .read(this::status, "Read the tidy's status.")
                        .help("The status of the last or running tidy on this replica.", "")
                        .build(),
                PathFamily.of("tidy-cancel")
                        .write(this::cancel, "Cancel a running tidy.")
                        .help("Cancel the running tidy after its current batch.", "")
                        .build());
    }

    private ResponseEntity<?> start(BackendRequest r) {
        boolean store = r.fields().bool("tidy_cert_store", false);
        boolean revoked = r.fields().bool("tidy_revoked_certs", false);
        if (!store && !revoked) {
            throw VaultException.badRequest("Auto-tidy enabled but no tidy operations were requested. Enable at least one tidy operation");
        }
        String mount = r.mountAccessor();
        long buffer = r.fields().duration("safety_buffer");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("safety_buffer", buffer);
        params.put("tidy_cert_store", store);
        params.put("tidy_revoked_certs", revoked);
        Status status = new Status(params);
        Status running = statuses.compute(mount, (k, old) -> old != null && old.state.equals("Running") ? old : status);
        if (running != status) {
            throw VaultException.badRequest("a tidy operation is already running on this mount");
        }
        Thread.ofVirtual().name("pki-tidy").start(() -> run(mount, status, Instant.now().minusSeconds(buffer), store, revoked));
        return ResponseEntity.status(202).body(r.envelope(null).withWarnings(List.of(
                "Tidy operation successfully started. Any information from the operation will be printed to Arca's server logs.")));
    }

    private void run(String mount, Status status, Instant before, boolean store, boolean revoked) {
        try {
            int[] batch;
            do {
                batch = certs.tidy(mount, before, store, revoked, BATCH);
                status.deletedCerts += batch[0] - batch[1];
                status.deletedRevoked += batch[1];
            } while (batch[0] == BATCH && !status.cancel.get());
            if (status.deletedRevoked > 0) {
                crls.rotate(mount, false);
            }
            status.state = status.cancel.get() ? "Cancelled" : "Finished";
        } catch (RuntimeException e) {
            status.state = "Error";
            status.error = e.getClass().getSimpleName();
        } finally {
            status.finished = Instant.now();
        }
    }

    private ResponseEntity<?> status(BackendRequest r) {
        Status s = statuses.get(r.mountAccessor());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", s == null ? "Inactive" : s.state);
        data.putAll(s == null ? Map.of("safety_buffer", 259_200L, "tidy_cert_store", false, "tidy_revoked_certs", false) : s.params);
        data.put("error", s == null || s.error.isEmpty() ? null : s.error);
        data.put("time_started", s == null ? null : s.started.toString());
        data.put("time_finished", s == null || s.finished == null ? null : s.finished.toString());
        data.put("message", s == null ? null : s.state.equals("Running") ? "Tidying certificate store" : "Tidying complete");
        data.put("cert_store_deleted_count", s == null ? 0 : s.deletedCerts);
        data.put("revoked_cert_deleted_count", s == null ? 0 : s.deletedRevoked);
        return r.ok(data);
    }

    private ResponseEntity<?> cancel(BackendRequest r) {
        Status s = statuses.get(r.mountAccessor());
        if (s == null || !s.state.equals("Running")) {
            throw VaultException.badRequest("no tidy operation is currently running");
        }
        s.cancel.set(true);
        return status(r);
    }
}
