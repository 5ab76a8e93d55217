package dev.arca.pki.store;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.Keyring;
import dev.arca.core.events.Invalidations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every mount's CA state and roles, read through an in-memory cache that exists only while the
 * barrier is unsealed: tied to the keyring it was filled under, dropped when the barrier seals
 * (checked on every use and by a watcher twice a second) and when any replica changes the mount
 * (invalidation message {@code pki:<mount>}, published in the writing transaction). Issuance reads
 * only the cache, so the issuer's key is decrypted and parsed once, not per certificate.
 */
@Component
public class PkiStore implements DisposableBean {

    private static final String KIND = "pki";

    private final PkiRepository repository;
    private final Barrier barrier;
    private final Invalidations invalidations;
    private final TransactionTemplate tx;
    private final Map<String, MountState> states = new ConcurrentHashMap<>();
    private final Map<String, Optional<ObjectNode>> roles = new ConcurrentHashMap<>();
    private volatile @Nullable Keyring filledUnder;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("pki-seal-watch").unstarted(r));

    public PkiStore(PkiRepository repository, Barrier barrier, Invalidations invalidations, TransactionTemplate tx) {
        this.repository = repository;
        this.barrier = barrier;
        this.invalidations = invalidations;
        this.tx = tx;
        invalidations.subscribe(this::invalidated);
        watcher.scheduleWithFixedDelay(() -> {
            if (barrier.isSealed() && !(states.isEmpty() && roles.isEmpty())) {
                clear();
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The mount's CA state; a sealed barrier answers 503 before anything is read. */
    public MountState state(String mount) {
        checkKeyring();
        return states.computeIfAbsent(mount, m -> new MountState(repository.issuers(m), repository.keys(m), repository.configs(m)));
    }

    /** A role's stored document, or empty. */
    public Optional<ObjectNode> role(String mount, String name) {
        checkKeyring();
        return roles.computeIfAbsent(mount + "/" + name, k -> repository.role(mount, name)).map(ObjectNode::deepCopy);
    }

    /**
     * Changes a mount in one transaction that holds the mount's lock (so changes see each other),
     * publishes the invalidation with it, and drops this replica's cache.
     */
    public <T> T change(String mount, Supplier<T> work) {
        T result = tx.execute(s -> {
            repository.lockMount(mount);
            T r = work.get();
            invalidations.publish(KIND, mount);
            return r;
        });
        drop(mount);
        return result;
    }

    public void change(String mount, Runnable work) {
        change(mount, () -> {
            work.run();
            return null;
        });
    }

    public PkiRepository repository() {
        return repository;
    }

    public void deleteMount(String mount) {
        change(mount, () -> repository.deleteMount(mount));
    }

    private void checkKeyring() {
        Keyring ring = barrier.keyring();
        if (ring != filledUnder) {
            clear();
            filledUnder = ring;
        }
    }

    private void drop(String mount) {
        states.remove(mount);
        roles.keySet().removeIf(k -> k.startsWith(mount + "/"));
    }

    private void clear() {
        states.clear();
        roles.clear();
    }

    private void invalidated(String message) {
        if (Invalidations.RESET.equals(message)) {
            clear();
        } else if (message.startsWith(KIND + ":")) {
            drop(message.substring(KIND.length() + 1));
        }
    }

    @Override
    public void destroy() {
        watcher.shutdownNow();
    }
}
