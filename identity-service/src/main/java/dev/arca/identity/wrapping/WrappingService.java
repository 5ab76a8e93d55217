package dev.arca.identity.wrapping;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.core.lease.Ttl;
import dev.arca.identity.cubbyhole.CubbyholeStore;
import dev.arca.identity.token.TokenEntry;
import dev.arca.identity.token.TokenService;
import dev.arca.identity.token.TokenViews;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Response wrapping as Vault does it: the response is kept, as a JSON string under {@code response},
 * in the cubbyhole of a new single-use token ({@link TokenService#issueWrapping}); unwrapping reads it
 * and revokes the token in one transaction, under the token's row lock, so it works exactly once.
 */
@Service
public class WrappingService {

    static final String INVALID = "wrapping token is not valid or does not exist";
    private static final String RESPONSE = "response";

    private final TokenService tokens;
    private final CubbyholeStore cubbyhole;
    private final JsonMapper json;

    public WrappingService(TokenService tokens, CubbyholeStore cubbyhole, JsonMapper json) {
        this.tokens = tokens;
        this.cubbyhole = cubbyhole;
        this.json = json;
    }

    /** Checks a wrapping TTL as a caller sends it (header or stored): at least a second, at most the system maximum. */
    public static long checkTtl(long ttl) {
        if (ttl < 1 || ttl > Ttl.SYSTEM_MAX) {
            throw VaultException.badRequest("wrapping ttl must be between 1s and " + Ttl.SYSTEM_MAX + "s");
        }
        return ttl;
    }

    /**
     * Wraps {@code response} (the answer to {@code creationPath}) and returns the envelope the caller gets instead:
     * {@code wrap_info}, with {@code wrapped_accessor} when the response carries a token.
     */
    @Transactional
    public VaultResponse wrap(String requestId, long ttl, String creationPath, JsonNode response) {
        return store(requestId, checkTtl(ttl), creationPath, json.writeValueAsString(response),
                response.path("auth").path("accessor").asString(""));
    }

    /** The wrapped response, with the token used up. */
    @Transactional
    public JsonNode unwrap(RequestContext ctx, String token) {
        return json.readTree(consume(ctx, token).response());
    }

    /** The same response under a new wrapping token with the old one's TTL and creation path; the old one is used up. */
    @Transactional
    public VaultResponse rewrap(RequestContext ctx, String token) {
        Consumed old = consume(ctx, token);
        TokenEntry e = old.entry();
        JsonNode original = json.readTree(old.response());
        return store(ctx.requestId(), e.creationTtl(), e.path(), old.response(), original.path("auth").path("accessor").asString(""));
    }

    /** {@code sys/wrapping/lookup}: when and where the token was made, without using it. */
    @Transactional(readOnly = true)
    public Map<String, Object> lookup(String token) {
        if (token.isEmpty()) {
            throw VaultException.badRequest("missing token");
        }
        TokenEntry e = tokens.lookupWrapping(token).orElseThrow(() -> VaultException.badRequest(INVALID));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("creation_path", e.path());
        out.put("creation_time", TokenViews.rfc3339(e.creationMs()));
        out.put("creation_ttl", e.creationTtl());
        return out;
    }

    private record Consumed(TokenEntry entry, String response) {
    }

    private Consumed consume(RequestContext ctx, String token) {
        if (token.isEmpty() && ctx.tokenAccessor().isEmpty()) {
            throw VaultException.badRequest(INVALID);
        }
        TokenEntry e = tokens.claimWrapping(ctx, token).orElseThrow(() -> VaultException.badRequest(INVALID));
        String response = cubbyhole.get(e.accessor(), RESPONSE).map(n -> n.path(RESPONSE).asString(""))
                .filter(s -> !s.isEmpty()).orElseThrow(() -> VaultException.badRequest(INVALID));
        tokens.revokeTree(e.accessor());
        return new Consumed(e, response);
    }

    private VaultResponse store(String requestId, long ttl, String creationPath, String response, String wrappedAccessor) {
        TokenService.Created c = tokens.issueWrapping(ttl, creationPath);
        ObjectNode kept = json.createObjectNode();
        kept.put(RESPONSE, response);
        cubbyhole.put(c.entry().accessor(), RESPONSE, kept);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("token", c.id());
        info.put("accessor", c.entry().accessor());
        info.put("ttl", ttl);
        info.put("creation_time", TokenViews.rfc3339(c.entry().creationMs()));
        info.put("creation_path", creationPath);
        if (!wrappedAccessor.isEmpty()) {
            info.put("wrapped_accessor", wrappedAccessor);
        }
        return VaultResponse.of(requestId, null).withWrapInfo(info);
    }
}
