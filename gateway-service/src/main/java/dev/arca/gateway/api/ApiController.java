package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendDispatcher;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Operation;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.gateway.acl.AclService;
import dev.arca.gateway.audit.AuditEmitter;
import dev.arca.gateway.edge.ClientCertificates;
import dev.arca.gateway.edge.EncodedSlashes;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.seal.SealManager;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.token.Caller;
import dev.arca.gateway.token.ClientAddresses;
import dev.arca.gateway.token.TokenResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every authenticated {@code /v1/} call, in the design's order: sealed check, operation, token, route,
 * ACL, audit request entry (fail-closed), execution (local handler or forward), audit response entry.
 * The unauthenticated raw handlers ({@code sys/init}, {@code sys/unseal}, ...) are more specific
 * mappings in {@link SysRawController}.
 */
@RestController
public class ApiController {

    private static final Duration INVALIDATION_WAIT = Duration.ofSeconds(2);

    private final SealManager seal;
    private final TokenResolver tokens;
    private final Router router;
    private final AclService acl;
    private final AuditEmitter audit;
    private final ServiceClient services;
    private final JsonMapper json;
    private final Invalidations invalidations;
    private final RequestMetrics metrics;
    private final ResponseWrapping wrapping;
    private final ClientAddresses clientAddresses;
    /** The server's {@code default_lease_ttl} and {@code max_lease_ttl}, in seconds: what a mount's unset tune means. */
    private final long systemDefaultTtl;
    private final long systemMaxTtl;

    public ApiController(SealManager seal, TokenResolver tokens, Router router, AclService acl, AuditEmitter audit,
            ServiceClient services, JsonMapper json, Invalidations invalidations, RequestMetrics metrics, ResponseWrapping wrapping,
            ClientAddresses clientAddresses, @Value("${arca.lease.system-default-ttl:768h}") Duration systemDefaultTtl,
            @Value("${arca.lease.system-max-ttl:768h}") Duration systemMaxTtl) {
        this.systemDefaultTtl = systemDefaultTtl.toSeconds();
        this.systemMaxTtl = systemMaxTtl.toSeconds();
        this.wrapping = wrapping;
        this.clientAddresses = clientAddresses;
        this.metrics = metrics;
        this.invalidations = invalidations;
        this.seal = seal;
        this.tokens = tokens;
        this.router = router;
        this.acl = acl;
        this.audit = audit;
        this.services = services;
        this.json = json;
    }

    @RequestMapping("/v1/**")
    public ResponseEntity<byte[]> handle(HttpServletRequest request) throws IOException {
        if (seal.isSealed()) {
            throw VaultException.sealed();
        }
        try {
            return serve(request);
        } catch (RuntimeException e) {
            // A call that was under way when the platform was sealed fails wherever the seal caught it
            // (a service answering 503, an audit entry refused): its answer is Vault's "sealed", not a 500.
            if (!(e instanceof VaultException v && v.status() < 500) && seal.isSealed()) {
                throw VaultException.sealed();
            }
            throw e;
        }
    }

    private ResponseEntity<byte[]> serve(HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        long wrapTtl = ResponseWrapping.requested(request);
        // Read the body before anything asks for parameters: curl's -d sends JSON as a form, which the
        // servlet container would otherwise consume as form parameters.
        byte[] raw = RequestBodies.read(request);
        Map<String, String> params = Coerce.query(request.getQueryString());
        String path = path(request);
        boolean head = "HEAD".equals(request.getMethod());
        Operation op = head ? Operation.HEADER : Operation.of(request.getMethod(), params.get("list"));

        Route route = null;
        VaultException routeError = null;
        try {
            route = router.route(path, op).orElse(null);
        } catch (VaultException e) {
            routeError = e;
        }
        if (head && !(route instanceof Route.Forward f && f.unauthenticated())) {
            // Vault's header operation: a path that needs no token may answer it (its family says whether it
            // does: ACME's new-nonce); elsewhere only sys/health (a raw handler) does: 405 after the token check.
            route = null;
            routeError = VaultException.unsupportedOperation();
        }
        boolean unauthenticated = route instanceof Route.Forward f && f.unauthenticated();
        String presented = token(request);
        String client = clientAddresses.of(request);
        Caller caller = null;
        String denial = null;
        if (!unauthenticated) {
            try {
                caller = tokens.resolve(presented, client);
            } catch (VaultException e) {
                if (e.status() != 403) {
                    throw e;
                }
                denial = "permission denied";
            }
        }
        // The token is checked before anything about the route is told, so a caller without one cannot
        // tell which mounts exist.
        if (routeError != null && denial == null) {
            throw routeError;
        }
        // A call refused for its token never runs: its body is checked for well-formedness as it streams
        // by, never built into a tree, so an unauthenticated caller costs memory bounded by nothing it sends.
        JsonNode data;
        boolean form = op.carriesData() && RequestBodies.isForm(raw, request.getContentType());
        // A body Vault's HTTP layer passes on unparsed (a DER OCSP request) is audited as its digest.
        boolean rawBody = op.carriesData() && BackendRequest.isRawBody(request.getContentType());
        if (rawBody) {
            data = raw.length == 0 ? json.missingNode() : audit.digest(raw);
        } else if (form && denial != null) {
            data = json.missingNode();
        } else if (form) {
            // A form body, as Vault reads one (e.g. a client whose converters write a map as a form);
            // services always get JSON.
            ObjectNode fields = json.createObjectNode();
            Coerce.query(new String(raw, java.nio.charset.StandardCharsets.UTF_8)).forEach(fields::put);
            data = fields;
            raw = json.writeValueAsBytes(fields);
        } else {
            data = denial == null ? parseBody(raw, op) : checkBody(raw, op);
        }
        String writeLimit = "";
        // Help is always allowed to a valid token, as in Vault: it tells how a path works, not what it holds.
        // Only path families answer it (without running a handler); other paths are checked as any call.
        boolean help = route instanceof Route.Forward f && !f.backend().info().paths().isEmpty() && BackendDispatcher.wantsHelp(params);
        if (denial == null && caller != null && !help) {
            String limit = acl.check(caller, path, op, data, route, wrapTtl);
            if (limit == null) {
                denial = "permission denied";
            } else {
                writeLimit = limit;
            }
        }

        RequestContext ctx = context(route == null ? null : route.mount(), path, op, caller, client, request, writeLimit);
        // What is never executed is audited as one digest of the body, not value by value (see AuditEmitter.digest).
        boolean refusedBeforeExecution = denial != null || route == null;
        ObjectNode requestEntry = audit.request(ctx, caller, presented,
                refusedBeforeExecution && op.carriesData() ? audit.digest(raw) : data, denial);
        audit.log(ctx, requestEntry);
        if (denial != null || route == null) {
            // An allowed path that nothing serves is Vault's 404; a denied one is 403 whether it exists or not.
            VaultException refused = denial != null ? VaultException.permissionDenied()
                    : new VaultException(404, "no handler for route \"" + path + "\". route entry not found.");
            audit.log(ctx, audit.response(requestEntry, refused.status(), json.missingNode(), refused.errors().isEmpty()
                    ? null : refused.errors().getFirst()));
            metrics.record(ctx, refused.status(), started);
            throw refused;
        }

        ApiCall call = new ApiCall(ctx, op, request.getMethod(), path, query(request), params, data, raw,
                request.getContentType(), caller, rawPath(request, path));
        Runnable[] afterResponse = new Runnable[1];
        Answer answer = execute(route, call, afterResponse, wrapTtl);
        if (wrapTtl > 0 && ResponseWrapping.wraps(answer.response().getStatusCode().value(), answer.tree())) {
            answer = wrapped(ctx, wrapTtl, answer.tree());
        }
        ResponseEntity<byte[]> response = answer.response();
        String error = response.getStatusCode().isError() ? firstError(answer.tree()) : null;
        audit.log(ctx, audit.response(requestEntry, response.getStatusCode().value(), answer.tree(), error));
        if (caller != null && caller.lastUse()) {
            tokens.spent(caller);
        }
        if (afterResponse[0] != null) {
            afterResponse[0].run();
        }
        metrics.record(ctx, response.getStatusCode().value(), started);
        return response;
    }

    /** A response, and its body as a JSON tree for the audit entry (parsed only when it did not come as one). */
    private record Answer(ResponseEntity<byte[]> response, JsonNode tree) {
    }

    /** The wrapping of an answer, or its error as the answer (nothing was handed out then). */
    private Answer wrapped(RequestContext ctx, long ttl, JsonNode answer) {
        try {
            JsonNode envelope = wrapping.wrap(ctx, ttl, answer);
            return new Answer(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(envelope)), envelope);
        } catch (VaultException e) {
            return error(e);
        }
    }

    private Answer execute(Route route, ApiCall call, Runnable[] afterResponse, long wrapTtl) {
        try {
            return switch (route) {
                case Route.Local local -> {
                    ApiResult result = local.handler().handle(call);
                    afterResponse[0] = result.afterResponse();
                    yield render(result);
                }
                case Route.Forward fwd -> forward(fwd, call, wrapTtl);
            };
        } catch (VaultException e) {
            return error(e);
        }
    }

    private Answer error(VaultException e) {
        ObjectNode body = json.createObjectNode();
        e.errors().forEach(body.putArray("errors")::add);
        return new Answer(ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(body)), body);
    }

    private Answer forward(Route.Forward route, ApiCall call, long wrapTtl) {
        String method = call.operation() == Operation.LIST ? "GET" : call.method();
        String query = call.query();
        Map<String, String> params = call.params();
        if (call.operation() == Operation.LIST && !params.containsKey("list")) {
            query = query.isEmpty() ? "list=true" : query + "&list=true";
            params = new java.util.HashMap<>(params);
            params.put("list", "true");
        }
        String target = "/v1/" + encodePath(call.path()) + (query.isEmpty() ? "" : "?" + query);
        List<String> headers = new java.util.ArrayList<>(4);
        if (route.backend().info().receivesClientToken() && call.caller() != null) {
            headers.addAll(List.of("X-Vault-Token", call.caller().token()));
        }
        if (call.rawPath() != null) {
            headers.addAll(List.of(BackendRequest.RAW_PATH_HEADER, encodePath(call.rawPath())));
        }
        if (wrapTtl > 0) {
            // the backend may need to know (sys/wrapping/wrap answers only a call that asks for wrapping)
            headers.addAll(List.of(ResponseWrapping.HEADER, Long.toString(wrapTtl)));
        }
        // Vault parses every body as JSON whatever its Content-Type (curl -d sends a form type); only
        // PATCH keeps the caller's type, because merge-patch semantics depend on it.
        String contentType = call.operation() == Operation.PATCH || BackendRequest.isRawBody(call.contentType()) ? call.contentType()
                : MediaType.APPLICATION_JSON_VALUE;
        boolean hasBody = call.rawBody().length > 0;
        ServiceClient.Reply reply = services.forward(route.service(), method, target, params, call.ctx(),
                hasBody ? call.rawBody() : null, hasBody && call.body().isObject() ? call.body() : null,
                hasBody ? contentType : null, headers.toArray(String[]::new));
        if (reply.invalidationsPublished()) {
            // The call changed something cached here (a policy, a token, ...); answer only once this
            // gateway has applied those invalidations, so the caller's next request already sees it.
            invalidations.awaitDelivered(INVALIDATION_WAIT);
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(reply.status());
        if (reply.contentType() != null) {
            b.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        reply.headers().forEach((name, values) -> b.header(name, values.toArray(String[]::new)));
        return new Answer(b.body(reply.body()), reply.tree() != null ? reply.tree() : parseQuietly(reply.body()));
    }

    private Answer render(ApiResult result) {
        if (result.body() == null) {
            return new Answer(ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_JSON).build(),
                    json.missingNode());
        }
        if (result.body() instanceof ApiResult.Raw raw) {
            return new Answer(ResponseEntity.status(result.status()).header(HttpHeaders.CONTENT_TYPE, raw.contentType())
                    .body(raw.bytes()), json.missingNode());
        }
        JsonNode tree = json.valueToTree(result.body());
        return new Answer(ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(tree)), tree);
    }

    /**
     * The call's context. A mount's TTLs are its tune's, or where the tune leaves them unset (0) the
     * server's, as Vault's system view gives them to a backend: engines compute TTLs from these.
     */
    private RequestContext context(@Nullable Mount mount, String path, Operation op, @Nullable Caller caller, String client,
            HttpServletRequest request, String writeLimit) {
        return new RequestContext(RequestIds.next(), op.wire(), path, mount == null ? "" : mount.path(),
                mount == null ? "" : mount.accessor(), mount == null ? "" : mount.type(),
                mount == null ? Map.of() : mount.options(), caller == null ? "" : caller.accessor(),
                caller == null ? "" : caller.entityId(), caller == null ? "" : caller.displayName(),
                caller == null ? List.of() : caller.policies(), client,
                mount == null ? 0 : orSystem(mount.config().defaultLeaseTtl(), systemDefaultTtl),
                mount == null ? 0 : orSystem(mount.config().maxLeaseTtl(), systemMaxTtl), writeLimit,
                ClientCertificates.of(request));
    }

    private static long orSystem(long mountTtl, long systemTtl) {
        return mountTtl > 0 ? mountTtl : systemTtl;
    }

    /** {@link #parseBody}'s checks, streaming: the same 400s, no tree. */
    private JsonNode checkBody(byte[] raw, Operation op) {
        if (raw.length == 0 || !op.carriesData()) {
            return json.missingNode();
        }
        try (JsonParser p = json.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw VaultException.badRequest("failed to parse JSON input: the body must be a JSON object");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw VaultException.badRequest("failed to parse JSON input: malformed JSON body");
            }
            return json.missingNode();
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: malformed JSON body");
        }
    }

    private JsonNode parseBody(byte[] raw, Operation op) {
        if (raw.length == 0 || !op.carriesData()) {
            return json.missingNode();
        }
        try {
            JsonNode n = json.readTree(raw);
            if (!n.isObject()) {
                throw VaultException.badRequest("failed to parse JSON input: the body must be a JSON object");
            }
            return n;
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: malformed JSON body");
        }
    }

    private JsonNode parseQuietly(byte[] out) {
        if (out.length == 0 || out[0] != '{') {
            return json.missingNode();
        }
        try {
            return json.readTree(out);
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static @Nullable String firstError(JsonNode answer) {
        JsonNode errors = answer.path("errors");
        return errors.isArray() && !errors.isEmpty() ? errors.get(0).asString() : null;
    }

    static @Nullable String token(HttpServletRequest request) {
        String t = request.getHeader("X-Vault-Token");
        if (t != null && !t.isBlank()) {
            return t.trim();
        }
        String auth = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        return null;
    }

    static String path(HttpServletRequest request) {
        String p = BackendRequest.collapseSlashes(decoded(request.getRequestURI()));
        if (p.contains("/../") || p.startsWith("../") || p.endsWith("/..") || p.equals("..")) {
            throw VaultException.badRequest("invalid path");
        }
        return p;
    }

    /** The path below {@code /v1/} with its repeated slashes as sent, when they differ from {@link #path}; else null. */
    static @Nullable String rawPath(HttpServletRequest request, String path) {
        String uri = EncodedSlashes.rawUri(request);
        String raw = uri == null ? null : decoded(uri);
        return raw == null || raw.equals(path) ? null : raw;
    }

    private static String decoded(String uri) {
        return URLDecoder.decode(uri.substring(uri.indexOf("/v1/") + 4).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String query(HttpServletRequest request) {
        String q = request.getQueryString();
        return q == null ? "" : q;
    }

    private static String encodePath(String path) {
        return Arrays.stream(path.split("/", -1))
                .map(seg -> URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
