package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.identity.support.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's token calls: {@code /internal/tokens/resolve} and {@code /internal/tokens/root}. */
@RestController
public class InternalTokenController {

    private final TokenService tokens;

    public InternalTokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/internal/tokens/resolve")
    public Map<String, Object> resolve(@RequestBody(required = false) @Nullable Map<String, Object> body) {
        TokenEntry e = tokens.resolve(Params.string(Params.body(body), "token")).orElseThrow(VaultException::permissionDenied);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessor", e.accessor());
        out.put("policies", e.policies());
        out.put("entity_id", e.entityId());
        out.put("display_name", e.displayName());
        out.put("expire_time", e.expireMs() / 1000);
        out.put("cacheable", e.numUses() == 0);
        return out;
    }

    @PostMapping("/internal/tokens/root")
    public Map<String, String> root(@RequestBody(required = false) @Nullable Map<String, Object> body) {
        TokenService.Created c = tokens.createRoot(Params.string(Params.body(body), "id"));
        return Map.of("client_token", c.id(), "accessor", c.entry().accessor());
    }
}
