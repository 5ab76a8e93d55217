package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.local.LocalCall;
import dev.arca.core.local.LocalRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's token calls, over HTTP and in process: {@code /internal/tokens/resolve},
 * {@code /internal/tokens/root} and {@code /internal/tokens/spent} (a call that used a token's last
 * use has ended).
 */
@RestController
public class InternalTokenController {

    private final TokenService tokens;
    private final JsonMapper json;

    public InternalTokenController(TokenService tokens, JsonMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @PostMapping("/internal/tokens/resolve")
    public Map<String, Object> resolve(@RequestBody(required = false) @Nullable JsonNode body) {
        TokenEntry e = tokens.resolve(text(body, "token"), text(body, "client_address")).orElseThrow(VaultException::permissionDenied);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessor", e.accessor());
        out.put("policies", e.policies());
        out.put("entity_id", e.entityId());
        out.put("display_name", e.displayName());
        out.put("expire_time", e.expireMs() / 1000);
        // a batch token with a parent dies with it, and a revoke names only the parent: not cached
        out.put("cacheable", e.numUses() == 0 && !(e.type().equals("batch") && e.parentAccessor() != null));
        out.put("bound_cidrs", e.boundCidrs());
        out.put("last_use", e.numUses() == 1);
        return out;
    }

    @PostMapping("/internal/tokens/root")
    public Map<String, String> root(@RequestBody(required = false) @Nullable JsonNode body) {
        TokenService.Created c = tokens.createRoot(text(body, "id"));
        return Map.of("client_token", c.id(), "accessor", c.entry().accessor());
    }

    /** The policies of another token, by id or accessor ({@code sys/capabilities}); 400 when there is no such token. */
    @PostMapping("/internal/tokens/policies")
    public Map<String, Object> policies(@RequestBody(required = false) @Nullable JsonNode body) {
        String token = text(body, "token");
        TokenEntry e = (token.isEmpty() ? tokens.lookupAccessor(text(body, "accessor")) : tokens.lookup(token))
                .orElseThrow(() -> VaultException.badRequest(token.isEmpty() ? "invalid accessor" : "invalid token"));
        return Map.of("policies", e.policies(), "entity_id", e.entityId());
    }

    @PostMapping("/internal/tokens/spent")
    public ResponseEntity<Void> spent(@RequestBody(required = false) @Nullable JsonNode body) {
        tokens.revokeSpent(text(body, "accessor"));
        return ResponseEntity.noContent().build();
    }

    private static String text(@Nullable JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || !n.isString() ? "" : n.stringValue();
    }


    /** The same calls in process: token resolution is on every uncached API call. */
    @Bean
    static LocalRoute tokenResolveRoute(InternalTokenController c) {
        return new LocalRoute("POST", "/internal/tokens/resolve", call -> ResponseEntity.ok(c.resolve(c.tree(call))));
    }

    @Bean
    static LocalRoute tokenRootRoute(InternalTokenController c) {
        return new LocalRoute("POST", "/internal/tokens/root", call -> ResponseEntity.ok(c.root(c.tree(call))));
    }

    @Bean
    static LocalRoute tokenPoliciesRoute(InternalTokenController c) {
        return new LocalRoute("POST", "/internal/tokens/policies", call -> ResponseEntity.ok(c.policies(c.tree(call))));
    }

    @Bean
    static LocalRoute tokenSpentRoute(InternalTokenController c) {
        return new LocalRoute("POST", "/internal/tokens/spent", call -> c.spent(c.tree(call)));
    }

    private JsonNode tree(LocalCall call) {
        return call.json(json);
    }
}
