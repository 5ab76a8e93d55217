package dev.arca.transit.store;

import dev.arca.transit.key.KeyPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One mount's cached keys, sized by its {@code cache-config}: 0 keeps every key in use, any other size
 * keeps that many, dropping the least recently used first, as Vault's transit LRU does.
 */
final class MountCache {

    private final int size;
    private final Map<String, KeyPolicy> keys;

    MountCache(int size) {
        this.size = size;
        this.keys = size == 0 ? new ConcurrentHashMap<>() : java.util.Collections.synchronizedMap(new Lru(size));
    }

    int size() {
        return size;
    }

    @Nullable KeyPolicy get(String name) {
        return keys.get(name);
    }

    void put(String name, KeyPolicy key) {
        keys.put(name, key);
    }

    void remove(String name) {
        keys.remove(name);
    }

    boolean contains(String name) {
        return keys.containsKey(name);
    }

    int count() {
        return keys.size();
    }

    /** An access-ordered map that drops its eldest entry past its capacity. */
    private static final class Lru extends LinkedHashMap<String, KeyPolicy> {

        private final int capacity;

        Lru(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KeyPolicy> eldest) {
            return size() > capacity;
        }
    }
}
