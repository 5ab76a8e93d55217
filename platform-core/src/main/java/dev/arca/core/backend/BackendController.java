package dev.arca.core.backend;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend.MountInfo;
import dev.arca.core.context.RequestContext;
import dev.arca.core.local.LocalCall;
import dev.arca.core.local.LocalRoute;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's backends over HTTP ({@code /v1/**}, the catalog, mount lifecycle hooks), and the same
 * three in process as {@link LocalRoute}s ({@link #localRoutes()}).
 */
@RestController
public class BackendController {

    private final BackendDispatcher dispatcher;
    private final JsonMapper json;

    public BackendController(BackendDispatcher dispatcher, JsonMapper json) {
        this.dispatcher = dispatcher;
        this.json = json;
    }

    @RequestMapping("/v1/**")
    public ResponseEntity<?> handle(RequestContext ctx, HttpServletRequest request,
            @RequestBody(required = false) byte @Nullable [] body) {
        boolean raw = BackendRequest.isRawBody(request.getContentType());
        return dispatcher.dispatch(ctx, Coerce.query(request.getQueryString()), raw ? json.missingNode() : parse(body), raw ? body : null,
                request.getContentType(), request::getHeader);
    }

    @GetMapping("/internal/catalog")
    public Descriptors.Catalog catalog() {
        return dispatcher.catalog();
    }

    /** Body: {@code {"event":"enable|tune|disable","mount":{...},"options":{...}}}; answers the options to store. */
    @PostMapping("/internal/backends/mounts")
    public Map<String, Object> lifecycle(@RequestBody(required = false) byte @Nullable [] body) {
        return lifecycle(parse(body));
    }

    private Map<String, Object> lifecycle(JsonNode b) {
        JsonNode m = b.path("mount");
        MountInfo mount = new MountInfo(m.path("path").asString(""), m.path("type").asString(""),
                m.path("accessor").asString(""), Coerce.pairs(m.path("options").isObject() ? m.path("options") : json.createObjectNode(), "options"));
        Map<String, String> options = b.path("options").isObject() ? Coerce.pairs(b.path("options"), "options") : mount.options();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("options", dispatcher.lifecycle(b.path("event").asString(""), mount, options));
        return out;
    }

    /**
     * lease-service's call to renew or revoke a lease: {@code {"event":"renew|revoke","mount":{...},
     * "secret_type":..,"lease_id":..,"data":{..},"increment":n,"ttl":n,"issue_ms":n}}; answers {@code {"ttl":n}}.
     */
    @PostMapping("/internal/backends/leases")
    public Map<String, Object> lease(@RequestBody(required = false) byte @Nullable [] body) {
        return lease(parse(body));
    }

    private Map<String, Object> lease(JsonNode b) {
        JsonNode m = b.path("mount");
        MountInfo mount = new MountInfo(m.path("path").asString(""), m.path("type").asString(""),
                m.path("accessor").asString(""), Map.of());
        Map<String, String> data = b.path("data").isObject() ? Coerce.pairs(b.path("data"), "data") : Map.of();
        SecretType.Event event = new SecretType.Event(b.path("lease_id").asString(""), mount, data,
                b.path("increment").asLong(0), b.path("ttl").asLong(0), b.path("issue_ms").asLong(0));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ttl", dispatcher.secret(b.path("event").asString(""), b.path("secret_type").asString(""), event));
        return out;
    }

    /** The in-process routes: the same handling without the web stack. */
    public java.util.List<LocalRoute> localRoutes() {
        return java.util.List.of(
                new LocalRoute(null, "/v1/", call -> BackendRequest.isRawBody(call.contentType())
                        ? dispatcher.dispatch(call.context(), call.params(), json.missingNode(), call.bodyOrNull(), call.contentType(),
                                call::header)
                        : dispatcher.dispatch(call.context(), call.params(), tree(call), call.contentType(), call::header)),
                new LocalRoute("GET", "/internal/catalog", call -> ResponseEntity.ok(catalog())),
                new LocalRoute("POST", "/internal/backends/mounts", call -> ResponseEntity.ok(lifecycle(tree(call)))),
                new LocalRoute("POST", "/internal/backends/leases", call -> ResponseEntity.ok(lease(tree(call)))));
    }

    private JsonNode tree(LocalCall call) {
        return call.tree() != null ? call.tree() : parse(call.bodyOrNull());
    }

    private JsonNode parse(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            return json.missingNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: malformed JSON body");
        }
    }
}
