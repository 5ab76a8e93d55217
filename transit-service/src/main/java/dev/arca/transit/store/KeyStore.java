package dev.arca.transit.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.SealBound;
import dev.arca.core.events.Invalidations;
import dev.arca.transit.key.KeyPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keys of every mount, read through an in-memory cache that exists only while the barrier is unsealed:
 * it is tied to the keyring it was filled under ({@link SealBound}: dropped when the barrier seals or its
 * keyring changes) and dropped in part when any replica changes a key (invalidation message
 * {@code transit-key:<mount>/<name>}, published in the writing transaction). Each mount's part holds at
 * most its {@code cache-config} size of keys; a new size replaces that part on every replica
 * ({@code transit-cache:<mount>}).
 */
@Component
public class KeyStore {

    private static final String KIND = "transit-key";
    private static final String SIZE_KIND = "transit-cache";

    private final KeyRepository repository;
    private final Invalidations invalidations;
    private final TransactionTemplate tx;
    /** Mount accessor to that mount's cached keys. */
    private final Map<String, MountCache> cache = new ConcurrentHashMap<>();
    private final SealBound sealBound;

    public KeyStore(KeyRepository repository, Barrier barrier, Invalidations invalidations, TransactionTemplate tx) {
        this.repository = repository;
        this.invalidations = invalidations;
        this.tx = tx;
        this.sealBound = new SealBound(barrier, cache::clear);
        invalidations.subscribe(this::invalidated);
    }

    /** The key, or empty; a sealed barrier answers 503 before any key is looked at. */
    public Optional<KeyPolicy> find(String mount, String name) {
        sealBound.check();
        MountCache keys = cache.computeIfAbsent(mount, m -> new MountCache(repository.cacheSize(m)));
        KeyPolicy p = keys.get(name);
        if (p != null) {
            return Optional.of(p);
        }
        Optional<KeyPolicy> loaded = repository.find(mount, name, false);
        loaded.ifPresent(k -> keys.put(name, k));
        return loaded;
    }

    public KeyPolicy require(String mount, String name) {
        return find(mount, name).orElseThrow(() -> VaultException.badRequest("encryption key not found"));
    }

    public boolean exists(String mount, String name) {
        MountCache keys = cache.get(mount);
        return keys != null && keys.contains(name) || repository.exists(mount, name);
    }

    /** Stores a new key; false when it already exists. */
    public boolean create(String mount, KeyPolicy p) {
        Boolean created = tx.execute(s -> {
            boolean inserted = repository.insert(mount, p);
            if (inserted) {
                invalidations.publish(KIND, id(mount, p.name));
            }
            return inserted;
        });
        forget(mount, p.name);
        return Boolean.TRUE.equals(created);
    }

    /** Changes a key under a row lock: the change sees every committed change before it. */
    public KeyPolicy update(String mount, String name, UnaryOperator<KeyPolicy> change) {
        KeyPolicy updated = tx.execute(s -> {
            KeyPolicy current = repository.find(mount, name, true).orElseThrow(VaultException::notFound);
            KeyPolicy next = change.apply(current.copy());
            repository.update(mount, next);
            invalidations.publish(KIND, id(mount, name));
            return next;
        });
        forget(mount, name);
        return updated;
    }

    public void delete(String mount, String name) {
        tx.executeWithoutResult(s -> {
            repository.delete(mount, name);
            invalidations.publish(KIND, id(mount, name));
        });
        forget(mount, name);
    }

    /** Stores a mount's cache size and applies it here and, by invalidation, on every replica. */
    public void resize(String mount, int size) {
        tx.executeWithoutResult(s -> {
            repository.saveCacheSize(mount, size);
            invalidations.publish(SIZE_KIND, mount);
        });
        cache.remove(mount);
    }

    public List<String> names(String mount) {
        return repository.names(mount);
    }

    public void deleteMount(String mount) {
        tx.executeWithoutResult(s -> repository.deleteMount(mount));
        cache.remove(mount);
    }

    public KeyRepository repository() {
        return repository;
    }

    /** How many keys the cache holds (for tests of the seal behaviour). */
    public int cached() {
        return cache.values().stream().mapToInt(MountCache::count).sum();
    }

    /** How many of a mount's keys the cache holds (for tests of its size). */
    public int cached(String mount) {
        MountCache keys = cache.get(mount);
        return keys == null ? 0 : keys.count();
    }

    private void forget(String mount, String name) {
        MountCache keys = cache.get(mount);
        if (keys != null) {
            keys.remove(name);
        }
    }

    private void invalidated(String message) {
        if (Invalidations.RESET.equals(message)) {
            cache.clear();
        } else if (message.startsWith(KIND + ":")) {
            String id = message.substring(KIND.length() + 1);
            int slash = id.indexOf('/');
            if (slash > 0) {
                forget(id.substring(0, slash), id.substring(slash + 1));
            }
        } else if (message.startsWith(SIZE_KIND + ":")) {
            cache.remove(message.substring(SIZE_KIND.length() + 1));
        }
    }

    private static String id(String mount, String name) {
        return mount + "/" + name;
    }
}
