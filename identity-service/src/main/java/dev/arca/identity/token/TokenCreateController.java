package dev.arca.identity.token;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code auth/token/create} and {@code auth/token/create-orphan}. */
@RestController
@RequestMapping(path = "/v1/auth/token", method = {RequestMethod.POST, RequestMethod.PUT})
public class TokenCreateController {

    private final TokenService tokens;

    public TokenCreateController(TokenService tokens) {
        this.tokens = tokens;
    }

    @RequestMapping("/create")
    public VaultResponse create(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return respond(ctx, tokens.create(ctx, Params.body(body), false));
    }

    @RequestMapping("/create-orphan")
    public VaultResponse createOrphan(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        return respond(ctx, tokens.create(ctx, Params.body(body), true));
    }

    private static VaultResponse respond(RequestContext ctx, TokenService.Created c) {
        return VaultResponse.of(ctx.requestId(), null)
                .withAuth(TokenViews.auth(c.id(), c.entry(), c.entry().creationTtl()))
                .withWarnings(c.warnings());
    }
}
