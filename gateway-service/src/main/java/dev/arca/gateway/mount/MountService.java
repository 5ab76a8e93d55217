package dev.arca.gateway.mount;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.backend.Descriptors.BackendInfo;
import dev.arca.gateway.catalog.Catalog;
import dev.arca.gateway.mount.Mount.MountConfig;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Enables, tunes, moves and disables mounts: the type through the catalog (aliases, secret or auth
 * kind), the backend's own lifecycle hooks in the service that runs it (which may refuse, normalise
 * options, or clean up), and the mount table.
 */
@Component
public class MountService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MountService.class);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> RESERVED = List.of("sys/", "auth/", "identity/");

    private final MountTable table;
    private final MountStore store;
    private final Catalog catalog;
    private final ServiceClient services;

    public MountService(MountTable table, MountStore store, Catalog catalog, ServiceClient services) {
        this.table = table;
        this.store = store;
        this.catalog = catalog;
        this.services = services;
    }

    /** What a caller asks to mount. */
    public record Request(String path, boolean auth, String type, String description, Map<String, String> options,
            MountConfig config, boolean local, boolean sealWrap) {
    }

    /** Mounts a backend at a full path ({@code secret/}, {@code auth/approle/}). */
    public Mount enable(Request r) {
        Catalog.Resolved resolved = catalog.resolve(r.type())
                .filter(x -> x.entry().info().kind().equals(r.auth() ? "auth" : "secret"))
                .orElseThrow(() -> VaultException.badRequest("plugin not found in the catalog: " + r.type()));
        BackendInfo info = resolved.entry().info();
        if (info.builtinMount() != null) {
            throw VaultException.badRequest(info.type() + (r.auth() ? " credential" : "") + " backend cannot be instantiated");
        }
        checkFree(r.path(), r.auth());
        Map<String, String> options = new LinkedHashMap<>(r.options());
        options.putAll(resolved.impliedOptions());
        return create(new Mount(r.path(), r.auth() ? "auth" : "secret", info.type(), accessor(r.auth(), info.type()),
                UUID.randomUUID(), r.description(), options, r.config(), r.local(), r.sealWrap()), info);
    }

    /** Mounts every built-in mount a backend declares (e.g. {@code auth/token/}) that is not there yet. */
    public void ensureBuiltins() {
        for (Catalog.Entry e : catalog.all()) {
            String path = e.info().builtinMount();
            if (path != null && table.get(path).isEmpty()) {
                boolean auth = e.info().kind().equals("auth");
                try {
                    create(new Mount(path, auth ? "auth" : "secret", e.info().type(), accessor(auth, e.info().type()), UUID.randomUUID(),
                            e.info().description(), Map.of(), MountConfig.DEFAULT, false, false), e.info());
                } catch (VaultException taken) {
                    log.warn("built-in mount {} of type {} not made: {}", path, e.info().type(), taken.errors());
                }
            }
        }
    }

    private Mount create(Mount draft, BackendInfo info) {
        Map<String, String> options = hook(info, "enable", draft, draft.options());
        Mount m = new Mount(draft.path(), draft.kind(), draft.type(), draft.accessor(), draft.uuid(), draft.description(), options,
                draft.config(), draft.local(), draft.sealWrap());
        if (!store.insert(m)) {
            hook(info, "disable", m, options);
            throw VaultException.badRequest("path is already in use at " + m.path());
        }
        table.changed();
        return m;
    }

    public void tune(Mount m, Map<String, String> newOptions, MountConfig config, String description) {
        Map<String, String> options = m.options();
        if (!newOptions.equals(m.options())) {
            BackendInfo info = catalog.type(m.type()).map(Catalog.Entry::info).orElse(null);
            options = info == null ? newOptions : hook(info, "tune", m, newOptions);
        }
        store.update(new Mount(m.path(), m.kind(), m.type(), m.accessor(), m.uuid(), description, options, config, m.local(), m.sealWrap()));
        table.changed();
    }

    /** Unmounts and lets the backend clean up what the mount held. Built-in mounts stay. */
    public void disable(Mount m) {
        BackendInfo info = catalog.type(m.type()).map(Catalog.Entry::info).orElse(null);
        if (BackendDispatcher.SYSTEM_TYPE.equals(m.type()) || (info != null && m.path().equals(info.builtinMount()))) {
            throw VaultException.badRequest("cannot unmount \"" + m.listedPath() + "\"");
        }
        if (info != null) {
            hook(info, "disable", m, m.options());
        }
        store.delete(m.path());
        table.changed();
    }

    /** Moves a mount with its data: data is keyed by the mount's accessor, which the move keeps. */
    public void remount(Mount from, String to) {
        if (BackendDispatcher.SYSTEM_TYPE.equals(from.type()) || catalog.type(from.type()).map(e -> from.path().equals(e.info().builtinMount())).orElse(false)) {
            throw VaultException.badRequest("cannot remount \"" + from.listedPath() + "\"");
        }
        if (from.isAuth() != to.startsWith("auth/")) {
            throw VaultException.badRequest("cannot remount between secret engines and auth methods");
        }
        checkFree(to, from.isAuth());
        if (!store.move(from.path(), to)) {
            throw VaultException.badRequest("path is already in use at " + to);
        }
        table.changed();
    }

    private void checkFree(String path, boolean auth) {
        for (String reserved : RESERVED) {
            if (!auth && (path.startsWith(reserved) || reserved.startsWith(path))) {
                throw VaultException.badRequest("cannot mount under reserved path \"" + reserved + "\"");
            }
        }
        for (Mount other : table.all()) {
            if (other.path().startsWith(path) || path.startsWith(other.path())) {
                throw VaultException.badRequest("path is already in use at " + other.path());
            }
        }
    }

    private Map<String, String> hook(BackendInfo info, String event, Mount m, Map<String, String> options) {
        Map<String, Object> body = Map.of("event", event, "options", options, "mount",
                Map.of("path", m.path(), "type", m.type(), "accessor", m.accessor(), "options", m.options()));
        var reply = services.sendJson(info.service(), "POST", "/internal/backends/mounts",
                SystemContexts.internal("update", "sys/mounts/" + m.path()), body);
        JsonNode answer = services.parse(reply);
        if (!reply.ok()) {
            JsonNode errors = answer.path("errors");
            if (reply.status() < 500 && errors.isArray() && !errors.isEmpty()) {
                throw new VaultException(reply.status(), errors.get(0).asString());
            }
            throw VaultException.internal("the " + m.type() + " backend could not " + event + " mount " + m.path());
        }
        Map<String, String> out = new LinkedHashMap<>();
        answer.path("options").properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    private static String accessor(boolean auth, String type) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return (auth ? "auth_" : "") + type.replace('-', '_') + "_" + HexFormat.of().formatHex(b);
    }
}
