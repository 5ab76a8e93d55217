package dev.arca.core.backend;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend.MountInfo;
import dev.arca.core.context.RequestContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one entrance of a service's backends, for every mount of every backend it runs, over HTTP and in
 * process alike: finds the backend (by the mount's type, or the {@code sys/} prefix a system backend
 * owns), the path family, decides create or update by the existence check, converts the fields, and
 * runs the handler. Records a timer per call tagged with bounded values only (type, operation, status class).
 */
public final class BackendDispatcher {

    /** The mount type the gateway gives system paths. */
    public static final String SYSTEM_TYPE = "system";

    private final String service;
    private final List<Backend> backends;
    private final Map<String, Backend> byType = new HashMap<>();
    private final List<Backend> system = new ArrayList<>();
    private final JsonMapper json;
    private final @Nullable MeterRegistry meters;
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.Consumer<MountInfo> revokeLeases;

    public BackendDispatcher(String service, List<Backend> backends, JsonMapper json, @Nullable MeterRegistry meters) {
        this(service, backends, json, meters, mount -> { });
    }

    /**
     * @param revokeLeases revokes every lease of a mount; run before a backend's disable hook, so that
     *                     disabling a mount revokes what it issued (and refuses when that fails)
     */
    public BackendDispatcher(String service, List<Backend> backends, JsonMapper json, @Nullable MeterRegistry meters,
            java.util.function.Consumer<MountInfo> revokeLeases) {
        this.revokeLeases = revokeLeases;
        this.service = service;
        this.backends = List.copyOf(backends);
        this.json = json;
        this.meters = meters;
        for (Backend b : backends) {
            if (b.kind() == Backend.Kind.SYSTEM) {
                system.add(b);
            } else if (byType.putIfAbsent(b.type(), b) != null) {
                throw new IllegalStateException("two backends of type " + b.type());
            }
        }
    }

    /** What this service publishes to the gateway. */
    public Descriptors.Catalog catalog() {
        return new Descriptors.Catalog(service, backends.stream().map(b -> Descriptors.describe(b, service)).toList());
    }

    /**
     * Serves one API call.
     *
     * @param body    the JSON body (a missing node when there is none)
     * @param headers the request's headers by name (case-insensitive)
     */
    public ResponseEntity<?> dispatch(RequestContext ctx, Map<String, String> query, JsonNode body, @Nullable String contentType,
            UnaryOperator<@Nullable String> headers) {
        return dispatch(ctx, query, body, null, contentType, headers);
    }

    /**
     * Serves one API call whose body may be raw ({@link BackendRequest#isRawBody}).
     *
     * @param rawBody the body as sent, for a raw content type; null otherwise
     */
    public ResponseEntity<?> dispatch(RequestContext ctx, Map<String, String> query, JsonNode body, byte @Nullable [] rawBody,
            @Nullable String contentType, UnaryOperator<@Nullable String> headers) {
        long start = System.nanoTime();
        Backend backend = null;
        Operation op = null;
        int status = 500;
        try {
            backend = backendFor(ctx);
            op = Operation.ofWire(ctx.operation());
            ResponseEntity<?> answer = serve(backend, op, ctx, query, body, rawBody, contentType, headers);
            status = answer.getStatusCode().value();
            return answer;
        } catch (VaultException e) {
            status = e.status();
            throw e;
        } finally {
            record(backend, op, status, System.nanoTime() - start);
        }
    }

    private ResponseEntity<?> serve(Backend backend, Operation requested, RequestContext ctx, Map<String, String> query,
            JsonNode body, byte @Nullable [] rawBody, @Nullable String contentType, UnaryOperator<@Nullable String> headers) {
        String relative = relative(backend, ctx);
        if (wantsHelp(query)) {
            return help(backend, ctx, relative);
        }
        PathFamily family = null;
        Map<String, String> captured = null;
        for (PathFamily f : backend.families()) {
            if (f.appliesTo(ctx.mountOptions())) {
                captured = f.match(relative);
                if (captured != null) {
                    family = f;
                    break;
                }
            }
        }
        if (family == null || captured == null) {
            throw VaultException.unsupportedPath(ctx.path());
        }
        ObjectNode raw = requested.carriesData() ? bodyObject(body) : queryObject(query);
        FieldData fields = new FieldData(family.fields(), raw, captured);
        Operation op = requested;
        BackendRequest request = new BackendRequest(ctx, op, relative, fields, raw, query, contentType, headers, rawBody);
        // The existence check costs a lookup: it runs when the caller may only create or only update, or
        // when the family answers create and update with different handlers.
        if (requested == Operation.UPDATE && family.existenceCheck() != null
                && (!ctx.writeLimit().isEmpty() || family.operations().containsKey(Operation.CREATE))) {
            boolean exists = family.existenceCheck().exists(request);
            if (("create".equals(ctx.writeLimit()) && exists) || ("update".equals(ctx.writeLimit()) && !exists)) {
                throw VaultException.permissionDenied();
            }
            op = exists ? Operation.UPDATE : Operation.CREATE;
            request = new BackendRequest(ctx, op, relative, fields, raw, query, contentType, headers, rawBody);
        }
        PathFamily.Op handler = family.operation(op);
        if (handler == null) {
            throw VaultException.unsupportedOperation();
        }
        fields.validate(op == Operation.CREATE || op == Operation.UPDATE);
        return handler.handler().handle(request);
    }

    private ResponseEntity<?> help(Backend backend, RequestContext ctx, String relative) {
        List<OpenApi.Mounted> shown = new ArrayList<>();
        String text = null;
        String mountPath = backend.kind() == Backend.Kind.SYSTEM ? "sys/" : ctx.mountPath();
        for (PathFamily f : backend.families()) {
            if (f.appliesTo(ctx.mountOptions()) && f.match(relative) != null) {
                Descriptors.PathInfo info = Descriptors.describe(f);
                text = OpenApi.help(info);
                shown.add(new OpenApi.Mounted(mountPath, info));
                break;
            }
        }
        if (text == null) {
            StringBuilder b = new StringBuilder("## DESCRIPTION\n\n").append(backend.description()).append("\n\n## PATHS\n");
            for (PathFamily f : backend.families()) {
                if (f.appliesTo(ctx.mountOptions())) {
                    b.append("\n    ").append(f.pattern()).append("\n        ").append(f.synopsis()).append('\n');
                    shown.add(new OpenApi.Mounted(mountPath, Descriptors.describe(f)));
                }
            }
            text = b.toString();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("help", text);
        out.put("openapi", OpenApi.document(shown, ""));
        out.put("see_also", null);
        return ResponseEntity.ok(out);
    }

    /** Whether a call asks for help ({@code ?help=1}, {@code ?help}); a value that is not a boolean is a 400. */
    public static boolean wantsHelp(Map<String, String> query) {
        String help = query.get("help");
        return help != null && Coerce.bool(help.isEmpty() ? "true" : help, "help");
    }

    /** Runs a mount lifecycle hook: {@code enable}, {@code tune} or {@code disable}; returns the options to store. */
    public Map<String, String> lifecycle(String event, MountInfo mount, Map<String, String> options) {
        Backend b = byType.get(mount.type());
        if (b == null) {
            throw VaultException.badRequest("plugin not found in the catalog: " + mount.type());
        }
        return switch (event) {
            case "enable" -> b.hooks().enable(mount);
            case "tune" -> b.hooks().tune(mount, options);
            case "disable" -> {
                if (!b.secretTypes().isEmpty()) {
                    revokeLeases.accept(mount);
                }
                b.hooks().disable(mount);
                yield Map.of();
            }
            default -> throw VaultException.badRequest("unknown mount event");
        };
    }

    /**
     * Renews or revokes a lease of one of this service's backends, for lease-service.
     *
     * @param event {@code renew} or {@code revoke}
     * @return the TTL granted by a renewal, 0 for a revocation
     */
    public long secret(String event, String secretType, SecretType.Event lease) {
        Backend b = byType.get(lease.mount().type());
        SecretType type = b == null ? null : b.secretTypes().get(secretType);
        if (type == null) {
            throw VaultException.badRequest("no secret type " + secretType + " on " + lease.mount().type());
        }
        return switch (event) {
            case "renew" -> Math.min(lease.ttl(), Math.max(0, type.renew().renew(lease)));
            case "revoke" -> {
                type.revoke().revoke(lease);
                yield 0;
            }
            default -> throw VaultException.badRequest("unknown lease event");
        };
    }

    private Backend backendFor(RequestContext ctx) {
        if (SYSTEM_TYPE.equals(ctx.mountType())) {
            for (Backend b : system) {
                for (String prefix : b.systemPrefixes()) {
                    if (ctx.path().startsWith(prefix)) {
                        return b;
                    }
                }
            }
        } else {
            Backend b = byType.get(ctx.mountType());
            if (b != null) {
                return b;
            }
        }
        throw VaultException.unsupportedPath(ctx.path());
    }

    private static String relative(Backend backend, RequestContext ctx) {
        return backend.kind() == Backend.Kind.SYSTEM ? ctx.path().substring("sys/".length()) : ctx.relativePath();
    }

    private ObjectNode bodyObject(JsonNode body) {
        if (body.isMissingNode() || body.isNull()) {
            return json.createObjectNode();
        }
        if (body instanceof ObjectNode o) {
            return o;
        }
        throw VaultException.badRequest("failed to parse JSON input: request body must be a JSON object");
    }

    private ObjectNode queryObject(Map<String, String> query) {
        ObjectNode o = json.createObjectNode();
        query.forEach(o::put);
        return o;
    }

    private void record(@Nullable Backend backend, @Nullable Operation op, int status, long nanos) {
        if (meters == null) {
            return;
        }
        String type = backend == null ? "unknown" : backend.type();
        String operation = op == null ? "unknown" : op.wire();
        String statusClass = (status / 100) + "xx";
        timers.computeIfAbsent(type + '|' + operation + '|' + statusClass, k -> Timer.builder("arca.backend.requests")
                .description("calls served by a backend")
                .tag("type", type).tag("operation", operation).tag("status", statusClass)
                .register(meters)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
