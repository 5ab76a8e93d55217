package dev.arca.identity.jwt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.FieldData;
import dev.arca.identity.login.TokenSettings;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A jwt role: what a token must show (audiences, subject, bound claims), what a login takes from it
 * (the alias name, alias metadata, groups), the browser flow's scopes and redirect URIs, the leeways
 * of the time claims, and the settings of the tokens it issues.
 *
 * @param boundClaims     claim (a name, or a JSON pointer) to the values it may take: a string or a list (any of)
 * @param claimMappings   claim (name or pointer) to the alias metadata key it fills
 * @param clockSkewLeeway seconds; 0 for Vault's default (60), -1 for none (the same for the other leeways)
 */
record JwtRole(String roleType, List<String> boundAudiences, String boundSubject, Map<String, Object> boundClaims, String boundClaimsType,
        Map<String, String> claimMappings, String userClaim, boolean userClaimJsonPointer, String groupsClaim, List<String> oidcScopes,
        List<String> allowedRedirectUris, boolean verboseOidcLogging, long clockSkewLeeway, long expirationLeeway, long notBeforeLeeway,
        long maxAge, TokenSettings token) {

    static final String JWT = "jwt";
    static final String OIDC = "oidc";
    /** At most this many bound claims, values, mappings or URIs in one role: a login's work stays bounded. */
    static final int MAX_ENTRIES = 256;

    JwtRole {
        boundAudiences = List.copyOf(boundAudiences);
        boundClaims = Map.copyOf(boundClaims);
        claimMappings = Map.copyOf(claimMappings);
        oidcScopes = List.copyOf(oidcScopes);
        allowedRedirectUris = List.copyOf(allowedRedirectUris);
    }

    /** A write's role: the fields it leaves out kept from {@code old} (or Vault's defaults for a new role). */
    static JwtRole parse(FieldData f, JwtRole old) {
        String type = f.has("role_type") ? f.string("role_type") : old.roleType();
        if (!type.equals(JWT) && !type.equals(OIDC)) {
            throw VaultException.badRequest("invalid 'role_type': " + type.replaceAll("[^a-z]", ""));
        }
        String claimsType = f.has("bound_claims_type") ? f.string("bound_claims_type") : old.boundClaimsType();
        if (!claimsType.equals("string") && !claimsType.equals("glob")) {
            throw VaultException.badRequest("invalid 'bound_claims_type': \"" + claimsType.replaceAll("[^a-z]", "") + "\"");
        }
        JwtRole role = new JwtRole(type, bounded(f.has("bound_audiences") ? f.strings("bound_audiences") : old.boundAudiences()),
                f.has("bound_subject") ? f.string("bound_subject") : old.boundSubject(),
                f.has("bound_claims") ? boundClaims(f.object("bound_claims"), claimsType.equals("glob")) : old.boundClaims(), claimsType,
                f.has("claim_mappings") ? claimMappings(f.pairs("claim_mappings")) : old.claimMappings(),
                f.has("user_claim") ? f.string("user_claim") : old.userClaim(),
                f.has("user_claim_json_pointer") ? f.bool("user_claim_json_pointer", false) : old.userClaimJsonPointer(),
                f.has("groups_claim") ? f.string("groups_claim") : old.groupsClaim(),
                bounded(f.has("oidc_scopes") ? f.strings("oidc_scopes") : old.oidcScopes()),
                bounded(f.has("allowed_redirect_uris") ? f.strings("allowed_redirect_uris") : old.allowedRedirectUris()),
                f.has("verbose_oidc_logging") ? f.bool("verbose_oidc_logging", false) : old.verboseOidcLogging(),
                f.has("clock_skew_leeway") ? f.duration("clock_skew_leeway") : old.clockSkewLeeway(),
                f.has("expiration_leeway") ? f.duration("expiration_leeway") : old.expirationLeeway(),
                f.has("not_before_leeway") ? f.duration("not_before_leeway") : old.notBeforeLeeway(),
                f.has("max_age") ? f.duration("max_age") : old.maxAge(),
                TokenSettings.parseWithPolicies(f, old.token()));
        if (role.userClaim.isEmpty()) {
            throw VaultException.badRequest("a user claim must be defined on the role");
        }
        if (type.equals(JWT) && role.boundAudiences.isEmpty() && role.boundSubject.isEmpty() && role.boundClaims.isEmpty()
                && role.token.boundCidrs().isEmpty()) {
            throw VaultException.badRequest("must have at least one bound constraint when creating/updating a role");
        }
        if (type.equals(OIDC) && role.allowedRedirectUris.isEmpty()) {
            throw VaultException.badRequest("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
        }
        return role;
    }

    /** A new role: Vault's defaults. */
    static JwtRole defaults() {
        return new JwtRole(OIDC, List.of(), "", Map.of(), "string", Map.of(), "", false, "", List.of(), List.of(), false, 60, 150, 150, 0,
                TokenSettings.DEFAULT);
    }

    private static List<String> bounded(List<String> values) {
        if (values.size() > MAX_ENTRIES) {
            throw VaultException.badRequest("too many values: at most " + MAX_ENTRIES);
        }
        return values;
    }

    /** Each bound claim's values: one scalar or a list of them (any of); only strings when they are globs. */
    private static Map<String, Object> boundClaims(JsonNode raw, boolean globs) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > MAX_ENTRIES) {
            throw VaultException.badRequest("too many bound claims: at most " + MAX_ENTRIES);
        }
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            JsonNode v = e.getValue();
            List<JsonNode> values = v.isArray() ? v.valueStream().toList() : List.of(v);
            if (values.isEmpty() || values.size() > MAX_ENTRIES) {
                throw VaultException.badRequest("bound claim \"" + e.getKey() + "\" must have between 1 and " + MAX_ENTRIES + " values");
            }
            List<Object> kept = values.stream().map(x -> {
                if (globs && !x.isString() || !x.isValueNode() || x.isNull()) {
                    throw VaultException.badRequest("claim is not a string or list: " + e.getKey());
                }
                return x.isString() ? (Object) x.asString() : x.isBoolean() ? (Object) x.asBoolean() : (Object) x.numberValue();
            }).toList();
            out.put(e.getKey(), v.isArray() ? kept : kept.getFirst());
        }
        return out;
    }

    private static Map<String, String> claimMappings(Map<String, String> raw) {
        if (raw.size() > MAX_ENTRIES) {
            throw VaultException.badRequest("too many claim mappings: at most " + MAX_ENTRIES);
        }
        LinkedHashSet<String> targets = new LinkedHashSet<>();
        for (String target : raw.values()) {
            if (target.equals("role")) {
                throw VaultException.badRequest("metadata key \"role\" is reserved and may not be a target of a claim mapping");
            }
            if (!targets.add(target)) {
                throw VaultException.badRequest("multiple keys are mapped to metadata key \"" + target + "\"");
            }
        }
        return raw;
    }

    /** The leeway a role's setting gives: Vault's default when 0, none when negative. */
    static long leeway(long configured, long vaultDefault) {
        return configured == 0 ? vaultDefault : Math.max(0, configured);
    }

    /** The role as Vault reads it back. */
    Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>(token.toMap());
        d.put("allowed_redirect_uris", allowedRedirectUris);
        d.put("bound_audiences", boundAudiences);
        d.put("bound_claims", boundClaims.isEmpty() ? null : boundClaims);
        d.put("bound_claims_type", boundClaimsType);
        d.put("bound_subject", boundSubject);
        d.put("claim_mappings", claimMappings.isEmpty() ? null : claimMappings);
        d.put("clock_skew_leeway", clockSkewLeeway);
        d.put("expiration_leeway", expirationLeeway);
        d.put("groups_claim", groupsClaim);
        d.put("max_age", maxAge);
        d.put("not_before_leeway", notBeforeLeeway);
        d.put("oidc_scopes", oidcScopes);
        d.put("policies", token.policies());
        d.put("role_type", roleType);
        d.put("user_claim", userClaim);
        d.put("user_claim_json_pointer", userClaimJsonPointer);
        d.put("verbose_oidc_logging", verboseOidcLogging);
        return d;
    }
}
