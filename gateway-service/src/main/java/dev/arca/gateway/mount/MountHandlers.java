package dev.arca.gateway.mount;

import static dev.arca.core.backend.Operation.DELETE;
import static dev.arca.core.backend.Operation.LIST;
import static dev.arca.core.backend.Operation.READ;
import static dev.arca.core.backend.Operation.UPDATE;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.backend.Coerce;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import dev.arca.gateway.mount.Mount.MountConfig;
import java.util.LinkedHashMap;
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

    /** Finished moves by id, for {@code sys/remount/status/<id>}; the oldest are forgotten first. */
    private final Map<String, Map<String, String>> migrations = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                    return size() > 1000;
                }
            });

    private final MountTable table;
    private final MountService mounts;

    public MountHandlers(MountTable table, MountService mounts) {
        this.table = table;
        this.mounts = mounts;
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
                .exact("sys/remount", Set.of(UPDATE), this::remount)
                .prefix("sys/remount/status/", Set.of(READ), this::remountStatus)
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
        String path = mountPath(call.suffix(auth ? "sys/auth/" : "sys/mounts/"), auth);
        JsonNode body = call.body();
        String type = body.path("type").asString("");
        if (type.isEmpty()) {
            throw VaultException.badRequest("missing required field 'type'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (body.has("options") && !body.get("options").isNull()) {
            options.putAll(Coerce.pairs(body.get("options"), "options"));
        }
        mounts.enable(new MountService.Request(path, auth, type, string(body, "description"), options,
                config(body.path("config"), MountConfig.DEFAULT), bool(body, "local"), bool(body, "seal_wrap")));
        return ApiResult.noContent();
    }

    private ApiResult disable(ApiCall call, boolean auth) {
        String path = mountPath(call.suffix(auth ? "sys/auth/" : "sys/mounts/"), auth);
        table.get(path).ifPresent(mounts::disable);
        return ApiResult.noContent();
    }

    private ApiResult remount(ApiCall call) {
        String from = relativeMount(call.requireText("from"));
        String to = relativeMount(call.requireText("to"));
        Mount m = table.get(from).orElseThrow(() -> VaultException.badRequest("no mount at \"" + from + "\""));
        mounts.remount(m, to);
        String id = UUID.randomUUID().toString();
        migrations.put(id, Map.of("source_mount", from, "target_mount", to, "status", "success"));
        return ApiResult.ok(VaultResponse.of(call.ctx().requestId(), Map.of("migration_id", id)));
    }

    private ApiResult remountStatus(ApiCall call) {
        String id = call.suffix("sys/remount/status/");
        Map<String, String> info = migrations.get(id);
        if (info == null) {
            throw VaultException.notFound();
        }
        return ApiResult.ok(VaultResponse.of(call.ctx().requestId(), Map.of("migration_id", id, "migration_info", info)));
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
        if (body.has("options") && !body.get("options").isNull()) {
            options.putAll(Coerce.pairs(body.get("options"), "options"));
        }
        mounts.tune(m, options, config(body, m.config()), body.has("description") ? string(body, "description") : m.description());
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
        // Clients (the vault CLI's kv commands) branch on this 403: no mount the caller may see is there.
        Mount m = table.resolve(target).filter(x -> !BackendDispatcher.SYSTEM_TYPE.equals(x.type()))
                .orElseThrow(() -> new VaultException(403, "preflight capability check returned 403, please ensure client's "
                        + "policies grant access to path \"" + (target.endsWith("/") ? target : target + "/") + "\""));
        Map<String, Object> data = new LinkedHashMap<>(m.describe());
        data.put("path", m.path());
        return ApiResult.ok(VaultResponse.of(call.ctx().requestId(), data));
    }

    private Mount existing(ApiCall call, boolean auth, boolean tune) {
        String p = call.suffix(auth ? "sys/auth/" : "sys/mounts/");
        String path = mountPath(tune ? p.substring(0, p.length() - "/tune".length()) : p, auth);
        return table.get(path).orElseThrow(() -> VaultException.badRequest("no mount at \"" + path + "\""));
    }

    /** A mount's full path with trailing slash from the path a caller gave. */
    private static String mountPath(String given, boolean auth) {
        String p = given.replaceAll("^/+|/+$", "");
        if (p.isEmpty()) {
            throw VaultException.badRequest("missing mount path");
        }
        if (!p.matches("[A-Za-z0-9._\\-/]+")) {
            throw VaultException.badRequest("invalid mount path \"" + p + "\"");
        }
        return (auth ? "auth/" : "") + p + "/";
    }

    /** A {@code sys/remount} path: {@code secret}, {@code auth/approle}, with or without slashes. */
    private static String relativeMount(String given) {
        String p = given.replaceAll("^/+|/+$", "");
        boolean auth = p.startsWith("auth/");
        return mountPath(auth ? p.substring("auth/".length()) : p, auth);
    }

    private static String string(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull() ? Coerce.string(body.get(field), field) : "";
    }

    private static boolean bool(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull() && Coerce.bool(body.get(field), field);
    }

    private static MountConfig config(JsonNode node, MountConfig base) {
        if (node.isMissingNode() || node.isNull()) {
            return base;
        }
        long max = Coerce.MAX_DURATION_SECONDS;
        long def = node.has("default_lease_ttl") ? Coerce.duration(node.get("default_lease_ttl"), "default_lease_ttl", 0, max)
                : base.defaultLeaseTtl();
        long maxTtl = node.has("max_lease_ttl") ? Coerce.duration(node.get("max_lease_ttl"), "max_lease_ttl", 0, max)
                : base.maxLeaseTtl();
        if (maxTtl > 0 && def > maxTtl) {
            throw VaultException.badRequest("default lease TTL cannot be greater than maximum lease TTL");
        }
        boolean noCache = node.has("force_no_cache") ? Coerce.bool(node.get("force_no_cache"), "force_no_cache") : base.forceNoCache();
        return new MountConfig(def, maxTtl, noCache);
    }
}
