package dev.arca.gateway.catalog;

import dev.arca.core.backend.Descriptors;
import dev.arca.core.backend.Descriptors.BackendInfo;
import dev.arca.core.backend.Descriptors.PathInfo;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backends the services publish ({@code GET /internal/catalog} of every configured service): which
 * service runs each type, the aliases, the kinds, the special paths and the path families. The gateway
 * knows engines only through this.
 */
@Component
public class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);
    private static final long RETRY_NANOS = 1_000_000_000L;

    /** A backend with its families' patterns compiled once. */
    public record Entry(BackendInfo info, List<Pattern> patterns) {

        /** The family serving a relative path on a mount with these options, or null. */
        public @Nullable PathInfo family(String relative, Map<String, String> options) {
            for (int i = 0; i < patterns.size(); i++) {
                PathInfo p = info.paths().get(i);
                if (p.appliesTo(options) && patterns.get(i).matcher(relative).matches()) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A type as a caller named it: the backend, and the options an alias implies (kv-v2 → version 2). */
    public record Resolved(Entry entry, Map<String, String> impliedOptions) {
    }

    private record Snapshot(Map<String, Entry> byType, Map<String, Resolved> byName, List<Map.Entry<String, Entry>> system,
            boolean complete) {
    }

    private final ServiceClient client;
    private final GatewayProperties props;
    private final JsonMapper json;
    private volatile @Nullable Snapshot snapshot;
    private volatile long nextAttempt;

    public Catalog(ServiceClient client, GatewayProperties props, JsonMapper json) {
        this.client = client;
        this.props = props;
        this.json = json;
    }

    /** The backend of a stored mount type. */
    public Optional<Entry> type(String type) {
        return Optional.ofNullable(snapshot().byType().get(type));
    }

    /** The backend a caller names in {@code sys/mounts} or {@code sys/auth}, by type or alias. */
    public Optional<Resolved> resolve(String name) {
        return Optional.ofNullable(snapshot().byName().get(name));
    }

    /** The system backend owning a {@code sys/} path, by longest prefix. */
    public Optional<Entry> system(String path) {
        for (Map.Entry<String, Entry> e : snapshot().system()) {
            if (path.startsWith(e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public List<Entry> all() {
        return List.copyOf(snapshot().byType().values());
    }

    public List<Entry> systemBackends() {
        return snapshot().system().stream().map(Map.Entry::getValue).distinct().toList();
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s != null && (s.complete() || System.nanoTime() < nextAttempt)) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s == null || (!s.complete() && System.nanoTime() >= nextAttempt)) {
                s = load();
                snapshot = s;
                nextAttempt = System.nanoTime() + RETRY_NANOS;
            }
            return s;
        }
    }

    private Snapshot load() {
        Map<String, Entry> byType = new HashMap<>();
        Map<String, Resolved> byName = new HashMap<>();
        List<Map.Entry<String, Entry>> system = new ArrayList<>();
        boolean complete = true;
        for (String service : props.services().keySet()) {
            Descriptors.Catalog catalog;
            try {
                var reply = client.send(service, "GET", "/internal/catalog", SystemContexts.internal("read", "sys/internal/catalog"), null, null);
                if (!reply.ok()) {
                    complete = false;
                    continue;
                }
                catalog = json.readValue(reply.body(), Descriptors.Catalog.class);
            } catch (RuntimeException e) {
                log.warn("catalog of service {} not available yet: {}", service, e.getClass().getSimpleName());
                complete = false;
                continue;
            }
            for (BackendInfo b : catalog.backends()) {
                Entry entry = new Entry(b, b.paths().stream().map(PathInfo::regex).toList());
                if (b.isSystem()) {
                    b.systemPrefixes().forEach(p -> system.add(Map.entry(p, entry)));
                    continue;
                }
                byType.put(b.type(), entry);
                byName.put(b.type(), new Resolved(entry, Map.of()));
                b.aliases().forEach(a -> byName.put(a.name(), new Resolved(entry, a.options())));
            }
        }
        system.sort(Comparator.comparingInt((Map.Entry<String, Entry> e) -> e.getKey().length()).reversed());
        return new Snapshot(Map.copyOf(byType), Map.copyOf(byName), List.copyOf(system), complete);
    }
}
