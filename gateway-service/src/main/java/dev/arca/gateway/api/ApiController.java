package dev.arca.gateway.api;

import dev.arca.core.api.QueryParams;
import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.gateway.acl.AclService;
import dev.arca.gateway.audit.AuditEmitter;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.seal.SealManager;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.token.Caller;
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
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
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

    private static final byte[] EMPTY = new byte[0];
    private static final Duration INVALIDATION_WAIT = Duration.ofSeconds(2);

    private final SealManager seal;
    private final TokenResolver tokens;
    private final Router router;
    private final AclService acl;
    private final AuditEmitter audit;
    private final ServiceClient services;
    private final JsonMapper json;
    private final Invalidations invalidations;

    public ApiController(SealManager seal, TokenResolver tokens, Router router, AclService acl, AuditEmitter audit,
            ServiceClient services, JsonMapper json, Invalidations invalidations) {
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
        if (request.getHeader("X-Vault-Wrap-TTL") != null) {
            // Answering unwrapped would hand the secret to a client that expects a wrapping token.
            throw VaultException.badRequest("response wrapping is not supported");
        }
        // Read the body before anything asks for parameters: curl's -d sends JSON as a form, which the
        // servlet container would otherwise consume as form parameters.
        byte[] raw = RequestBodies.read(request);
        Map<String, String> params = QueryParams.parse(request.getQueryString());
        String path = path(request);
        Operation op = Operation.of(request.getMethod(), params.get("list"));

        String presented = token(request);
        Caller caller = null;
        String denial = null;
        try {
            caller = tokens.resolve(presented);
        } catch (VaultException e) {
            if (e.status() != 403) {
                throw e;
            }
            denial = "permission denied";
        }
        // The token is checked before routing, so that a caller without one cannot tell which mounts exist.
        Route route = null;
        try {
            route = router.route(path, op);
        } catch (VaultException e) {
            if (denial == null) {
                throw e;
            }
        }
        JsonNode data = parseBody(raw, op);
        if (denial == null && !acl.allowed(caller, path, op, data, route)) {
            denial = "permission denied";
        }

        RequestContext ctx = context(route == null ? null : route.mount(), path, op, caller, request.getRemoteAddr());
        ObjectNode requestEntry = audit.request(ctx, caller, presented, data, denial);
        audit.log(ctx, requestEntry);
        if (denial != null) {
            VaultException denied = VaultException.permissionDenied();
            audit.log(ctx, audit.response(requestEntry, denied.status(), json.missingNode(), denial));
            throw denied;
        }

        ApiCall call = new ApiCall(ctx, op, request.getMethod(), path, query(request), params, data, raw,
                request.getContentType(), caller);
        Runnable[] afterResponse = new Runnable[1];
        ResponseEntity<byte[]> response = execute(Objects.requireNonNull(route), call, afterResponse);
        byte[] out = response.getBody() == null ? EMPTY : response.getBody();
        JsonNode answer = parseQuietly(out);
        String error = response.getStatusCode().isError() ? firstError(answer) : null;
        audit.log(ctx, audit.response(requestEntry, response.getStatusCode().value(), answer, error));
        if (afterResponse[0] != null) {
            afterResponse[0].run();
        }
        return response;
    }

    private ResponseEntity<byte[]> execute(Route route, ApiCall call, Runnable[] afterResponse) {
        try {
            return switch (route) {
                case Route.Local local -> {
                    ApiResult result = local.handler().handle(call);
                    afterResponse[0] = result.afterResponse();
                    yield render(result);
                }
                case Route.Forward fwd -> forward(fwd, call);
            };
        } catch (VaultException e) {
            return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsBytes(Map.of("errors", e.errors())));
        }
    }

    private ResponseEntity<byte[]> forward(Route.Forward route, ApiCall call) {
        String method = call.operation() == Operation.LIST ? "GET" : call.method();
        String query = call.query();
        if (call.operation() == Operation.LIST && !call.params().containsKey("list")) {
            query = query.isEmpty() ? "list=true" : query + "&list=true";
        }
        String target = "/v1/" + encodePath(call.path()) + (query.isEmpty() ? "" : "?" + query);
        String[] headers = "identity".equals(route.service())
                ? new String[] {"X-Vault-Token", call.caller().token()}
                : new String[0];
        // Vault parses every body as JSON whatever its Content-Type (curl -d sends a form type); only
        // PATCH keeps the caller's type, because merge-patch semantics depend on it.
        String contentType = call.operation() == Operation.PATCH ? call.contentType() : MediaType.APPLICATION_JSON_VALUE;
        ServiceClient.Reply reply = services.send(route.service(), method, target, call.ctx(),
                call.rawBody().length == 0 ? null : call.rawBody(), call.rawBody().length == 0 ? null : contentType, headers);
        if (reply.invalidationsPublished()) {
            // The call changed something cached here (a policy, a token, ...); answer only once this
            // gateway has applied those invalidations, so the caller's next request already sees it.
            invalidations.awaitDelivered(INVALIDATION_WAIT);
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(reply.status());
        if (reply.contentType() != null) {
            b.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        return b.body(reply.body());
    }

    private ResponseEntity<byte[]> render(ApiResult result) {
        if (result.body() == null) {
            return ResponseEntity.status(result.status()).build();
        }
        return ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(result.body()));
    }

    private static RequestContext context(@Nullable Mount mount, String path, Operation op, @Nullable Caller caller, String client) {
        return new RequestContext(RequestIds.next(), op.wire(), path, mount == null ? "" : mount.path(),
                mount == null ? "" : mount.accessor(), mount == null ? "" : mount.type(),
                mount == null ? Map.of() : mount.options(), caller == null ? "" : caller.accessor(),
                caller == null ? "" : caller.entityId(), caller == null ? "" : caller.displayName(),
                caller == null ? List.of() : caller.policies(), client);
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
        String uri = request.getRequestURI();
        String p = URLDecoder.decode(uri.substring(uri.indexOf("/v1/") + 4).replace("+", "%2B"), StandardCharsets.UTF_8);
        while (p.contains("//")) {
            p = p.replace("//", "/");
        }
        if (p.contains("/../") || p.startsWith("../") || p.endsWith("/..")) {
            throw VaultException.badRequest("invalid path");
        }
        return p;
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
