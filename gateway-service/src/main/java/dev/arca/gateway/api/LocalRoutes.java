package dev.arca.gateway.api;

import dev.arca.core.backend.Operation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The system paths the gateway answers itself. Handler classes register exact paths or prefixes per
 * operation; the most specific (exact, then longest prefix) wins.
 */
public final class LocalRoutes {

    /** Implemented by each family of system handlers. */
    public interface Registrar {
        void register(LocalRoutes routes);
    }

    private record Entry(String prefix, Map<Operation, LocalHandler> handlers) {
    }

    private final Map<String, Map<Operation, LocalHandler>> exact = new HashMap<>();
    private final List<Entry> prefixes = new ArrayList<>();

    public LocalRoutes exact(String path, Set<Operation> ops, LocalHandler handler) {
        Map<Operation, LocalHandler> m = exact.computeIfAbsent(path, k -> new EnumMap<>(Operation.class));
        ops.forEach(op -> m.put(op, handler));
        return this;
    }

    public LocalRoutes prefix(String prefix, Set<Operation> ops, LocalHandler handler) {
        Entry e = prefixes.stream().filter(x -> x.prefix.equals(prefix)).findFirst().orElse(null);
        if (e == null) {
            e = new Entry(prefix, new EnumMap<>(Operation.class));
            prefixes.add(e);
            prefixes.sort((a, b) -> b.prefix.length() - a.prefix.length());
        }
        Map<Operation, LocalHandler> m = e.handlers;
        ops.forEach(op -> m.put(op, handler));
        return this;
    }

    /** Whether any local route claims the path (for any operation). */
    public boolean claims(String path) {
        return exact.containsKey(path) || prefixes.stream().anyMatch(e -> path.startsWith(e.prefix));
    }

    /** The handler for path and operation, or null when the path is local but the operation is not. */
    public @Nullable LocalHandler find(String path, Operation op) {
        Map<Operation, LocalHandler> m = exact.get(path);
        if (m != null) {
            return m.get(op);
        }
        for (Entry e : prefixes) {
            if (path.startsWith(e.prefix)) {
                return e.handlers.get(op);
            }
        }
        return null;
    }
}
