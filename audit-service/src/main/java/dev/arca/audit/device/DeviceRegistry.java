package dev.arca.audit.device;

import dev.arca.audit.config.AuditProperties;
import dev.arca.audit.hash.Hmac;
import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.events.Invalidations;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The enabled devices with their keys, cached per replica. A change invalidates every replica's cache
 * through {@link Invalidations} in the changing transaction; the cache also expires after a short
 * time in case a notification is lost. The cache is dropped when the barrier is sealed.
 */
@Component
public class DeviceRegistry {

    static final String INVALIDATION_KIND = "audit-device";
    private static final int KEY_BYTES = 32;

    private record Snapshot(List<ActiveDevice> devices, long loadedAt, int term) {
    }

    private final DeviceRepository repository;
    private final Barrier barrier;
    private final Invalidations invalidations;
    private final TransactionTemplate tx;
    private final long ttlNanos;
    private final SecureRandom random = new SecureRandom();
    private volatile @Nullable Snapshot cache;

    DeviceRegistry(DeviceRepository repository, Barrier barrier, Invalidations invalidations,
            PlatformTransactionManager transactions, AuditProperties props) {
        this.repository = repository;
        this.barrier = barrier;
        this.invalidations = invalidations;
        this.tx = new TransactionTemplate(transactions);
        this.ttlNanos = props.deviceCacheTtl().toNanos();
        invalidations.subscribe(message -> {
            if (message.equals(Invalidations.RESET) || message.startsWith(INVALIDATION_KIND + ":")) {
                cache = null;
            }
        });
    }

    /** Every enabled device, the store first. Throws 503 while sealed: the keys are under the barrier. */
    public List<ActiveDevice> active() {
        if (barrier.isSealed()) {
            cache = null;
            throw VaultException.sealed();
        }
        Snapshot s = cache;
        if (s == null || System.nanoTime() - s.loadedAt() > ttlNanos || s.term() != barrier.activeTerm()) {
            s = load();
            cache = s;
        }
        return s.devices();
    }

    public Optional<ActiveDevice> find(String path) {
        return active().stream().filter(d -> d.device().path().equals(path)).findFirst();
    }

    void enable(Device device) {
        byte[] sealed = barrier.encrypt(newKey(), Barrier.aad("audit", "devices", device.path()));
        boolean inserted = Boolean.TRUE.equals(tx.execute(status -> {
            boolean overlaps = repository.findAll().stream().map(r -> r.device().path())
                    .anyMatch(p -> p.startsWith(device.path()) || device.path().startsWith(p));
            if (overlaps || !repository.insert(device, sealed)) {
                return false;
            }
            invalidations.publish(INVALIDATION_KIND, device.path());
            return true;
        }));
        cache = null;
        if (!inserted) {
            throw VaultException.badRequest("path already in use");
        }
    }

    /** False when no device was enabled at the path. */
    boolean disable(String path) {
        if (path.equals(Device.STORE_PATH)) {
            throw VaultException.badRequest("the store audit device cannot be disabled");
        }
        boolean deleted = Boolean.TRUE.equals(tx.execute(status -> {
            boolean d = repository.delete(path);
            invalidations.publish(INVALIDATION_KIND, path);
            return d;
        }));
        cache = null;
        return deleted;
    }

    private Snapshot load() {
        int term = barrier.activeTerm();
        List<DeviceRepository.Row> rows = repository.findAll();
        if (rows.stream().anyMatch(r -> r.sealedKey() == null)) {
            for (DeviceRepository.Row r : rows) {
                if (r.sealedKey() == null) {
                    String path = r.device().path();
                    repository.setKeyIfMissing(path, barrier.encrypt(newKey(), Barrier.aad("audit", "devices", path)));
                }
            }
            rows = repository.findAll();
        }
        List<ActiveDevice> devices = new ArrayList<>();
        for (DeviceRepository.Row r : rows) {
            byte[] key = barrier.decrypt(Objects.requireNonNull(r.sealedKey()), Barrier.aad("audit", "devices", r.device().path()));
            ActiveDevice d = new ActiveDevice(r.device(), new Hmac(key));
            if (r.device().type().equals(Device.STORE)) {
                devices.addFirst(d);
            } else {
                devices.add(d);
            }
        }
        return new Snapshot(List.copyOf(devices), System.nanoTime(), term);
    }

    private byte[] newKey() {
        byte[] k = new byte[KEY_BYTES];
        random.nextBytes(k);
        return k;
    }
}
