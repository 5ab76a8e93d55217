package dev.arca.identity.token;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code auth/token/renew} and {@code auth/token/renew-self}. */
@RestController
@RequestMapping(path = "/v1/auth/token", method = {RequestMethod.POST, RequestMethod.PUT})
public class TokenRenewController {

    private final TokenService tokens;

    public TokenRenewController(TokenService tokens) {
        this.tokens = tokens;
    }

    @RequestMapping("/renew")
    public VaultResponse renew(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        Map<String, Object> b = Params.body(body);
        String token = Params.string(b, "token");
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        TokenEntry e = tokens.lookup(token).orElseThrow(() -> new VaultException(403, "bad token"));
        return respond(ctx, token, tokens.renew(e, Durations.seconds(b.get("increment"), "increment")));
    }

    @RequestMapping("/renew-self")
    public VaultResponse renewSelf(RequestContext ctx, @RequestHeader(name = "X-Vault-Token", required = false) @Nullable String token,
            @RequestBody(required = false) @Nullable Map<String, Object> body) {
        TokenEntry e = tokens.self(ctx, token);
        long increment = Durations.seconds(Params.body(body).get("increment"), "increment");
        return respond(ctx, token == null ? "" : token, tokens.renew(e, increment));
    }

    private static VaultResponse respond(RequestContext ctx, String token, TokenService.Renewed r) {
        return VaultResponse.of(ctx.requestId(), null).withAuth(TokenViews.auth(token, r.entry(), r.ttl())).withWarnings(r.warnings());
    }
}
