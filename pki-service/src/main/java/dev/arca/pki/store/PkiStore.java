package dev.arca.pki.store;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.SealBound;
import dev.arca.core.events.Invalidations;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every mount's CA state and roles, read through an in-memory cache that exists only while the
 * barrier is unsealed: tied to the keyring it was filled under ({@link SealBound}: dropped when the
 * barrier seals or its keyring changes) and dropped for a mount when any replica changes it
 * (invalidation message {@code pki:<mount>}, published in the writing transaction). Issuance reads
 * only the cache, so the issuer's key is decrypted and parsed once, not per certificate.
 */
@Component
public class PkiStore {

    private static final String KIND = "pki";

    private final PkiRepository repository;
    private final Invalidations invalidations;
    private final TransactionTemplate tx;
    private final Map<String, MountState> states = new ConcurrentHashMap<>();
    private final Map<String, Optional<ObjectNode>> roles = new ConcurrentHashMap<>();
    private final SealBound sealBound;

    public PkiStore(PkiRepository repository, Barrier barrier, Invalidations invalidations, TransactionTemplate tx) {
        this.repository = repository;
        this.invalidations = invalidations;
        this.tx = tx;
        this.sealBound = new SealBound(barrier, this::clear);
        invalidations.subscribe(this::invalidated);
    }

    /** The mount's CA state; a sealed barrier answers 503 before anything is read. */
    public MountState state(String mount) {
        sealBound.check();
        return states.computeIfAbsent(mount, m -> new MountState(repository.issuers(m), repository.keys(m), repository.configs(m)));
    }

    /** A role's stored document, or empty. */
    public Optional<ObjectNode> role(String mount, String name) {
        sealBound.check();
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
}
