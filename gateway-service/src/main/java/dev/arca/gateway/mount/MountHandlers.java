package dev.arca.gateway.mount;

import dev.arca.core.api.VaultResponse;
import static dev.arca.gateway.api.Operation.DELETE;
import static dev.arca.gateway.api.Operation.LIST;
import static dev.arca.gateway.api.Operation.READ;
import static dev.arca.gateway.api.Operation.UPDATE;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import dev.arca.gateway.api.Router;
import dev.arca.gateway.mount.Mount.MountConfig;
import dev.arca.gateway.service.ServiceClient;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code sys/mounts}, {@code sys/auth} and {@code sys/internal/ui/mounts}: list, enable, disable and
 * tune mounts, Vault's shapes.
 */
@Component
public class MountHandlers implements LocalRoutes.Registrar {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> RESERVED = List.of("sys/", "auth/", "identity/", "cubbyhole/");

    private final MountTable table;
    private final MountStore store;
    private final ServiceClient services;

    public MountHandlers(MountTable table, MountStore store, ServiceClient services) {
        this.table = table;
        this.store = store;
        this.services = services;
    }

    @Override
    public void register(LocalRoutes routes) {
        routes.exact("sys/mounts", Set.of(READ, LIST), call -> list(call, false))
                .prefix("sys/mounts/", Set.of(READ), call -> call.path().endsWith("/tune") ? readTune(call, false) : read(call, false))
                .prefix("sys/mounts/", Set.of(UPDATE), call -> call.path().endsWith("/tune") ? tune(call, false) : enable(call, false))
                .prefix("sys/mounts/", Set.of(DELETE), call -> disable(call, false))
                .exact("sys/auth", Set.of(READ, LIST), call -> list(call, true))
                .prefix("sys/auth/", Set.of(READ), call -> call.path().endsWith("/tune") ? readTune(call, true) : read(call, true))
                .prefix("sys/auth/", Set.of(UPDATE), call -> call.path().endsWith("/tune") ? tune(call, true) : enable(call, true))
                .prefix("sys/auth/", Set.of(DELETE), call -> disable(call, true))
                .exact("sys/internal/ui/mounts", Set.of(READ), this::uiMounts)
                .prefix("sys/internal/ui/mounts/", Set.of(READ), this::uiMount);
    }

    private ApiResult list(ApiCall call, boolean auth) {
        Map<String, Object> data = new LinkedHashMap<>();
        table.all().stream().filter(m -> m.isAuth() == auth).forEach(m -> data.put(m.listedPath(), m.describe()));
        return ApiResult.ok(VaultResponse.injected(call.ctx().requestId(), data));
    }

    private ApiResult read(ApiCall call, boolean auth) {
        Mount m = existing(call, auth, false);
        return ApiResult.ok(VaultResponse.injected(call.ctx().requestId(), m.describe()));
    }

    private ApiResult enable(ApiCall call, boolean auth) {
        String path = mountPath(call, auth, false);
        JsonNode body = call.body();
        String type = body.path("type").asString("");
        if (type.isEmpty()) {
            throw VaultException.badRequest("missing required field 'type'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        body.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
        if ("kv-v2".equals(type)) {
            type = "kv";
            options.put("version", "2");
        }
        if ("kv".equals(type)) {
            String version = options.getOrDefault("version", "1");
            if (!version.equals("1") && !version.equals("2")) {
                throw VaultException.badRequest("invalid KV version: " + version);
            }
            options.put("version", version);
        }
        if (auth ? "token".equals(type) : !Router.supports(type) || "token".equals(type)) {
            throw VaultException.badRequest(auth && "token".equals(type)
                    ? "token credential backend cannot be instantiated"
                    : "plugin not found in the catalog: " + type);
        }
        if (auth && !Router.supports(type)) {
            throw VaultException.badRequest("plugin not found in the catalog: " + type);
        }
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
        Mount m = new Mount(path, auth ? "auth" : "secret", type,
                (auth ? "auth_" : "") + type.replace('-', '_') + "_" + HexFormat.of().formatHex(randomBytes(4)),
                UUID.randomUUID(), body.path("description").asString(""), options, config(body.path("config"), MountConfig.DEFAULT),
                body.path("local").asBoolean(false), body.path("seal_wrap").asBoolean(false));
        if (!store.insert(m)) {
            throw VaultException.badRequest("path is already in use at " + path);
        }
        table.changed();
        return ApiResult.noContent();
    }

    private ApiResult disable(ApiCall call, boolean auth) {
        String path = mountPath(call, auth, false);
        Mount m = table.get(path).orElse(null);
        if (m == null) {
            return ApiResult.noContent();
        }
        if ("system".equals(m.type()) || "token".equals(m.type())) {
            throw VaultException.badRequest("cannot unmount \"" + m.listedPath() + "\"");
        }
        String service = "kv".equals(m.type()) ? "kv" : null;
        if (service != null) {
            var reply = services.send(service, "DELETE", "/internal/mounts/" + m.accessor(), call.ctx(), null, null);
            if (!reply.ok()) {
                throw VaultException.internal("failed to remove the data of mount " + m.path());
            }
        }
        store.delete(path);
        table.changed();
        return ApiResult.noContent();
    }

    private ApiResult readTune(ApiCall call, boolean auth) {
        Mount m = existing(call, auth, true);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("default_lease_ttl", m.config().defaultLeaseTtl() == 0 ? 2764800 : m.config().defaultLeaseTtl());
        data.put("max_lease_ttl", m.config().maxLeaseTtl() == 0 ? 2764800 : m.config().maxLeaseTtl());
        data.put("force_no_cache", m.config().forceNoCache());
        data.put("description", m.description());
        if (!m.options().isEmpty()) {
            data.put("options", m.options());
        }
        return ApiResult.ok(VaultResponse.injected(call.ctx().requestId(), data));
    }

    private ApiResult tune(ApiCall call, boolean auth) {
        Mount m = existing(call, auth, true);
        JsonNode body = call.body();
        Map<String, String> options = new LinkedHashMap<>(m.options());
        body.path("options").properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
        if ("kv".equals(m.type()) && !options.get("version").equals(m.options().get("version"))) {
            throw VaultException.badRequest("changing the KV version of a mount is not supported");
        }
        MountConfig cfg = config(body, m.config());
        String description = body.has("description") ? body.path("description").asString("") : m.description();
        store.update(new Mount(m.path(), m.kind(), m.type(), m.accessor(), m.uuid(), description, options, cfg, m.local(), m.sealWrap()));
        table.changed();
        return ApiResult.noContent();
    }

    private ApiResult uiMounts(ApiCall call) {
        Map<String, Object> secret = new LinkedHashMap<>();
        Map<String, Object> auth = new LinkedHashMap<>();
        table.all().forEach(m -> (m.isAuth() ? auth : secret).put(m.listedPath(), m.describe()));
        return ApiResult.ok(VaultResponse.of(call.ctx().requestId(), Map.of("secret", secret, "auth", auth)));
    }

    private ApiResult uiMount(ApiCall call) {
        String target = call.suffix("sys/internal/ui/mounts/");
        Mount m = table.resolve(target).filter(x -> !"system".equals(x.type()))
                .orElseThrow(() -> new VaultException(400, "preflight capability check returned 403, please ensure client's "
                        + "policies grant access to path \"" + target + "\""));
        Map<String, Object> data = new LinkedHashMap<>(m.describe());
        data.put("path", m.path());
        return ApiResult.ok(VaultResponse.of(call.ctx().requestId(), data));
    }

    private Mount existing(ApiCall call, boolean auth, boolean tune) {
        String path = mountPath(call, auth, tune);
        return table.get(path).orElseThrow(() -> VaultException.badRequest("no mount at \"" + path + "\""));
    }

    /** The mount's full path with trailing slash from a {@code sys/mounts/<path>[/tune]} call. */
    private static String mountPath(ApiCall call, boolean auth, boolean tune) {
        String p = call.suffix(auth ? "sys/auth/" : "sys/mounts/");
        if (tune) {
            p = p.substring(0, p.length() - "/tune".length());
        }
        p = p.replaceAll("^/+|/+$", "");
        if (p.isEmpty()) {
            throw VaultException.badRequest("missing mount path");
        }
        if (!p.matches("[A-Za-z0-9._\\-/]+")) {
            throw VaultException.badRequest("invalid mount path \"" + p + "\"");
        }
        return (auth ? "auth/" : "") + p + "/";
    }

    private static MountConfig config(JsonNode node, MountConfig base) {
        if (node.isMissingNode() || node.isNull()) {
            return base;
        }
        long def = node.has("default_lease_ttl") ? Durations.seconds(node.get("default_lease_ttl").asString(), "default_lease_ttl")
                : base.defaultLeaseTtl();
        long max = node.has("max_lease_ttl") ? Durations.seconds(node.get("max_lease_ttl").asString(), "max_lease_ttl")
                : base.maxLeaseTtl();
        if (max > 0 && def > max) {
            throw VaultException.badRequest("default lease TTL cannot be greater than maximum lease TTL");
        }
        boolean noCache = node.has("force_no_cache") ? node.get("force_no_cache").asBoolean() : base.forceNoCache();
        return new MountConfig(def, max, noCache);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
