package dev.arca.gateway.mount;

import dev.arca.core.events.Invalidations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The mount table in memory: an immutable snapshot replaced on every change (here or, through
 * {@code mount:*} invalidations, on another replica). Resolution is a longest-prefix match done with at
 * most one hash lookup per path segment.
 */
@Component
public class MountTable {

    private final MountStore store;
    private final Invalidations invalidations;
    private volatile @Nullable Map<String, Mount> byPath;

    public MountTable(MountStore store, Invalidations invalidations) {
        this.store = store;
        this.invalidations = invalidations;
        invalidations.subscribe(message -> {
            if (message.startsWith("mount:") || Invalidations.RESET.equals(message)) {
                byPath = null;
            }
        });
    }

    private Map<String, Mount> snapshot() {
        Map<String, Mount> m = byPath;
        if (m == null) {
            Map<String, Mount> fresh = new HashMap<>();
            store.all().forEach(x -> fresh.put(x.path(), x));
            m = Map.copyOf(fresh);
            byPath = m;
        }
        return m;
    }

    /** The mount owning {@code path} (no leading slash), by longest prefix. */
    public Optional<Mount> resolve(String path) {
        Map<String, Mount> m = snapshot();
        String p = path.endsWith("/") ? path : path + "/";
        int end = p.length();
        while (end > 0) {
            Mount hit = m.get(p.substring(0, end));
            if (hit != null) {
                return Optional.of(hit);
            }
            end = p.lastIndexOf('/', end - 2) + 1;
        }
        return Optional.empty();
    }

    public Optional<Mount> get(String mountPath) {
        return Optional.ofNullable(snapshot().get(mountPath));
    }

    public List<Mount> all() {
        return snapshot().values().stream().sorted(java.util.Comparator.comparing(Mount::path)).toList();
    }

    /** Drops the snapshot here and on every other replica. */
    public void changed() {
        byPath = null;
        invalidations.publish("mount", "*");
    }
}
