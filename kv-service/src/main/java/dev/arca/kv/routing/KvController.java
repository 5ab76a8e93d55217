package dev.arca.kv.routing;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.local.LocalRoute;
import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.PathHandler;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every call the gateway forwards for a KV mount, which may sit at any path: the operation comes from
 * the method ({@code GET ?list=true} is LIST, PUT is POST), the path family from the signed context.
 */
@RestController
public class KvController {

    private final KvRouter router;
    private final JsonMapper json;

    public KvController(KvRouter router, JsonMapper json) {
        this.router = router;
        this.json = json;
    }

    @RequestMapping(path = "/v1/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    public ResponseEntity<?> handle(RequestContext ctx, HttpMethod method, @RequestParam Map<String, String> query,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType) {
        if (ctx.mountAccessor().isEmpty()) {
            throw VaultException.unsupportedPath(ctx.path());
        }
        KvRouter.Route route = router.route(ctx);
        KvRequest request = new KvRequest(ctx, route.key(), query, body, contentType, json);
        PathHandler h = route.handler();
        if (HttpMethod.GET.equals(method)) {
            return isList(query.get("list")) ? h.list(request) : h.read(request);
        }
        if (HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method)) {
            return h.createOrUpdate(request);
        }
        if (HttpMethod.PATCH.equals(method)) {
            return h.patch(request);
        }
        if (HttpMethod.DELETE.equals(method)) {
            return h.delete(request);
        }
        throw VaultException.unsupportedOperation();
    }

    /** The same handling for the gateway's in-process calls ({@code arca dev}, {@code arca server}). */
    @Bean
    static LocalRoute kvLocalRoute(KvController controller) {
        return new LocalRoute(null, "/v1/", call -> controller.handle(call.context(), HttpMethod.valueOf(call.method()),
                call.params(), call.bodyOrNull(), call.contentType()));
    }

    private static boolean isList(@Nullable String list) {
        return list != null && (list.equalsIgnoreCase("true") || list.equals("1"));
    }
}
