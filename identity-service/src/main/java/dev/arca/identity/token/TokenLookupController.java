package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code auth/token/lookup}, {@code lookup-self}, {@code lookup-accessor} and LIST {@code accessors}. */
@RestController
@RequestMapping("/v1/auth/token")
public class TokenLookupController {

    private final TokenService tokens;

    public TokenLookupController(TokenService tokens) {
        this.tokens = tokens;
    }

    @RequestMapping(path = "/lookup-self", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT})
    public VaultResponse lookupSelf(RequestContext ctx, @RequestHeader(name = "X-Vault-Token", required = false) @Nullable String token) {
        TokenEntry e = tokens.self(ctx, token);
        return VaultResponse.of(ctx.requestId(), TokenViews.lookup(token == null ? "" : token, e, tokens.now()));
    }

    @RequestMapping(path = "/lookup", method = {RequestMethod.POST, RequestMethod.PUT})
    public VaultResponse lookup(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        String token = Params.string(Params.body(body), "token");
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        TokenEntry e = tokens.lookup(token).orElseThrow(() -> new VaultException(403, "bad token"));
        return VaultResponse.of(ctx.requestId(), TokenViews.lookup(token, e, tokens.now()));
    }

    @RequestMapping(path = "/lookup-accessor", method = {RequestMethod.POST, RequestMethod.PUT})
    public VaultResponse lookupAccessor(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        String accessor = Params.string(Params.body(body), "accessor");
        if (accessor.isEmpty()) {
            throw VaultException.badRequest("missing accessor");
        }
        TokenEntry e = tokens.lookupAccessor(accessor).orElseThrow(() -> VaultException.badRequest("invalid accessor"));
        return VaultResponse.of(ctx.requestId(), TokenViews.lookup("", e, tokens.now()));
    }

    @GetMapping({"/accessors", "/accessors/"})
    public VaultResponse accessors(RequestContext ctx, @RequestParam(name = "list", defaultValue = "false") boolean list) {
        if (!list) {
            throw VaultException.unsupportedOperation();
        }
        return VaultResponse.of(ctx.requestId(), Map.of("keys", tokens.accessors(ctx)));
    }
}
