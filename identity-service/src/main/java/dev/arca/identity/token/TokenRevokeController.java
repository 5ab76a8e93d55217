package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code auth/token/revoke}, {@code revoke-self}, {@code revoke-accessor} and {@code revoke-orphan}: all 204. */
@RestController
@RequestMapping(path = "/v1/auth/token", method = {RequestMethod.POST, RequestMethod.PUT})
public class TokenRevokeController {

    private final TokenService tokens;

    public TokenRevokeController(TokenService tokens) {
        this.tokens = tokens;
    }

    @RequestMapping("/revoke")
    public ResponseEntity<Void> revoke(@RequestBody(required = false) @Nullable Map<String, Object> body) {
        String token = Params.string(Params.body(body), "token");
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        tokens.revokeToken(token);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping("/revoke-self")
    public ResponseEntity<Void> revokeSelf(RequestContext ctx, @RequestHeader(name = "X-Vault-Token", required = false) @Nullable String token) {
        tokens.revokeTree(tokens.self(ctx, token).accessor());
        return ResponseEntity.noContent().build();
    }

    @RequestMapping("/revoke-accessor")
    public ResponseEntity<Void> revokeAccessor(@RequestBody(required = false) @Nullable Map<String, Object> body) {
        String accessor = Params.string(Params.body(body), "accessor");
        if (accessor.isEmpty()) {
            throw VaultException.badRequest("missing accessor");
        }
        tokens.revokeAccessor(accessor);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping("/revoke-orphan")
    public ResponseEntity<Void> revokeOrphan(RequestContext ctx, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        tokens.revokeOrphan(ctx, Params.string(Params.body(body), "token"));
        return ResponseEntity.noContent().build();
    }
}
