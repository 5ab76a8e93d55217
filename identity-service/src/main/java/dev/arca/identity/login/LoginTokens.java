package dev.arca.identity.login;

import dev.arca.core.backend.BackendRequest;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.store.IdentityService;
import dev.arca.identity.token.TokenService;
import dev.arca.identity.token.TokenViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every auth method does once a login has succeeded: find (or make, at the first login) the
 * entity of the alias, issue the token attached to it, and answer Vault's {@code auth} block with
 * the entity's identity policies. The alias is found or made in its own transaction, and the token
 * is committed with those of concurrent logins (group commit) when the caller holds no transaction.
 */
@Service
public class LoginTokens {

    private final TokenService tokens;
    private final IdentityService identity;

    public LoginTokens(TokenService tokens, IdentityService identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    /**
     * @param aliasName     the caller's name in this auth mount (empty: no entity)
     * @param aliasMetadata what the method records on a new alias
     */
    public TokenService.Created issue(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String aliasName, Map<String, String> aliasMetadata) {
        String entityId = aliasName.isEmpty() ? "" : identity.entityForLogin(ctx, aliasName, aliasMetadata);
        return tokens.issueForLogin(ctx, settings, displayName, metadata, ctx.path(), entityId);
    }

    /**
     * {@link #issue}, and the entity's external groups set from the login's group aliases: it joins
     * the external groups aliased on this mount under these names and leaves the others aliased here.
     */
    @Transactional
    public TokenService.Created issue(RequestContext ctx, TokenSettings settings, String displayName, Map<String, String> metadata,
            String aliasName, Map<String, String> aliasMetadata, List<String> groupAliases) {
        String entityId = identity.entityForLogin(ctx, aliasName, aliasMetadata);
        identity.syncExternalGroups(ctx, entityId, groupAliases);
        return tokens.issueForLogin(ctx, settings, displayName, metadata, ctx.path(), entityId);
    }

    /** Vault's login answer: no data, the {@code auth} block, the TTL warnings. */
    public ResponseEntity<?> answer(BackendRequest r, TokenService.Created c) {
        return answer(r, c, List.of());
    }

    /** {@link #answer(BackendRequest, TokenService.Created)} with the method's own warnings first. */
    public ResponseEntity<?> answer(BackendRequest r, TokenService.Created c, List<String> warnings) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(c.warnings());
        return ResponseEntity.ok(r.envelope(null).withAuth(TokenViews.auth(c.id(), c.entry(), c.entry().creationTtl(),
                identity.identityPolicies(c.entry().entityId()))).withWarnings(all));
    }
}
