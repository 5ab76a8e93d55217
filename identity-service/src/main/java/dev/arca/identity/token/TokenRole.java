package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.net.Cidrs;
import dev.arca.identity.login.TokenSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.PatternMatchUtils;

/**
 * A token role ({@code auth/token/roles/<name>}): what {@code auth/token/create/<name>} issues, as
 * Vault's token store roles. The policy lists hold sanitised names; the glob lists may hold {@code *}.
 *
 * @param tokenType {@code service}, {@code batch}, {@code default-service} or {@code default-batch}
 *                  (the {@code default-} types let the request choose)
 */
public record TokenRole(String name, List<String> allowedPolicies, List<String> disallowedPolicies, List<String> allowedPoliciesGlob,
        List<String> disallowedPoliciesGlob, boolean orphan, boolean renewable, String pathSuffix, List<String> allowedEntityAliases,
        List<String> boundCidrs, long explicitMaxTtl, boolean noDefaultPolicy, int numUses, long period, String tokenType) {

    static final List<String> TYPES = List.of("service", "batch", "default-service", "default-batch");

    public TokenRole {
        allowedPolicies = List.copyOf(allowedPolicies);
        disallowedPolicies = List.copyOf(disallowedPolicies);
        allowedPoliciesGlob = List.copyOf(allowedPoliciesGlob);
        disallowedPoliciesGlob = List.copyOf(disallowedPoliciesGlob);
        allowedEntityAliases = List.copyOf(allowedEntityAliases);
        boundCidrs = List.copyOf(boundCidrs);
    }

    static TokenRole empty(String name) {
        return new TokenRole(name, List.of(), List.of(), List.of(), List.of(), false, true, "", List.of(), List.of(), 0, false, 0, 0,
                "default-service");
    }

    /** The fields of {@code auth/token/roles/<name>}, the deprecated {@code period}, {@code explicit_max_ttl} and {@code bound_cidrs} included. */
    static List<Field> fields() {
        List<Field> fields = new ArrayList<>(TokenSettings.fields(List.of("token_bound_cidrs", "token_explicit_max_ttl",
                "token_no_default_policy", "token_num_uses", "token_period", "token_type")));
        fields.addAll(List.of(
                TokenSettings.policies("allowed_policies", "Policies tokens of the role may have; empty for the parent's."),
                TokenSettings.policies("disallowed_policies", "Policies tokens of the role may not have."),
                TokenSettings.policies("allowed_policies_glob", "Like allowed_policies, with * matching any text."),
                TokenSettings.policies("disallowed_policies_glob", "Like disallowed_policies, with * matching any text."),
                Field.of("orphan", FieldType.BOOL, "Issue orphan tokens (no sudo needed)."),
                Field.of("renewable", FieldType.BOOL, "Whether tokens of the role may be renewed.").withDefault(true),
                Field.string("path_suffix", "Appended to the tokens' path, e.g. a version to revoke by prefix."),
                Field.of("allowed_entity_aliases", FieldType.COMMA_STRING_SLICE, "Entity aliases a token of the role may name."),
                Field.of("period", FieldType.DURATION, "Older name of token_period."),
                Field.of("explicit_max_ttl", FieldType.DURATION, "Older name of token_explicit_max_ttl."),
                Field.of("bound_cidrs", FieldType.COMMA_STRING_SLICE, "Older name of token_bound_cidrs.")));
        return fields;
    }

    /** The role a write makes of {@code base} (a new role's defaults, or the stored role): only the fields sent change. */
    static TokenRole parse(FieldData f, TokenRole base) {
        String type = f.has("token_type") ? f.string("token_type") : base.tokenType();
        type = type.equals("default") ? "default-service" : type;
        if (!TYPES.contains(type)) {
            throw VaultException.badRequest("invalid 'token_type' value \"" + type.replaceAll("[^a-z-]", "") + "\"");
        }
        String suffix = f.has("path_suffix") ? f.string("path_suffix").trim() : base.pathSuffix();
        if (suffix.contains("..")) {
            throw VaultException.badRequest("error registering path suffix: path suffix cannot contain '..'");
        }
        List<String> cidrs = f.has("token_bound_cidrs") ? f.strings("token_bound_cidrs")
                : f.has("bound_cidrs") ? f.strings("bound_cidrs") : base.boundCidrs();
        TokenRole role = new TokenRole(base.name(),
                f.has("allowed_policies") ? TokenService.sanitize(f.strings("allowed_policies")) : base.allowedPolicies(),
                f.has("disallowed_policies") ? TokenService.sanitize(f.strings("disallowed_policies")) : base.disallowedPolicies(),
                f.has("allowed_policies_glob") ? TokenService.sanitize(f.strings("allowed_policies_glob")) : base.allowedPoliciesGlob(),
                f.has("disallowed_policies_glob") ? TokenService.sanitize(f.strings("disallowed_policies_glob")) : base.disallowedPoliciesGlob(),
                f.has("orphan") ? f.bool("orphan", false) : base.orphan(),
                f.has("renewable") ? f.bool("renewable", true) : base.renewable(),
                suffix,
                f.has("allowed_entity_aliases") ? f.strings("allowed_entity_aliases") : base.allowedEntityAliases(),
                Cidrs.check(cidrs, "token_bound_cidrs"),
                seconds(f, "token_explicit_max_ttl", "explicit_max_ttl", base.explicitMaxTtl()),
                f.has("token_no_default_policy") ? f.bool("token_no_default_policy", false) : base.noDefaultPolicy(),
                f.has("token_num_uses") ? f.integer("token_num_uses") : base.numUses(),
                seconds(f, "token_period", "period", base.period()),
                type);
        if (role.tokenType().equals("batch")) {
            BatchTokens.checkLimits(role.period(), role.numUses(), role.explicitMaxTtl());
        }
        return role;
    }

    private static long seconds(FieldData f, String name, String older, long fallback) {
        Long v = f.has(name) ? f.duration(name) : f.has(older) ? f.duration(older) : null;
        return v == null ? fallback : v;
    }

    /** The role as Vault reads it back. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("allowed_entity_aliases", allowedEntityAliases);
        m.put("allowed_policies", allowedPolicies);
        m.put("allowed_policies_glob", allowedPoliciesGlob);
        m.put("bound_cidrs", boundCidrs);
        m.put("disallowed_policies", disallowedPolicies);
        m.put("disallowed_policies_glob", disallowedPoliciesGlob);
        m.put("explicit_max_ttl", explicitMaxTtl);
        m.put("name", name);
        m.put("orphan", orphan);
        m.put("path_suffix", pathSuffix);
        m.put("period", period);
        m.put("renewable", renewable);
        m.put("token_bound_cidrs", boundCidrs);
        m.put("token_explicit_max_ttl", explicitMaxTtl);
        m.put("token_no_default_policy", noDefaultPolicy);
        m.put("token_num_uses", numUses);
        m.put("token_period", period);
        m.put("token_type", tokenType);
        return m;
    }

    /**
     * The policies a token of this role gets from the {@code requested} ones (sanitised), before
     * {@code default} is added: with allowed lists, the requested ones must be among them (the non-glob
     * ones when none is requested); without, the requested ones or the parent's, which the caller checks
     * against the parent. None may be disallowed.
     */
    List<String> policies(List<String> requested, List<String> parentPolicies) {
        List<String> out;
        if (!allowedPolicies.isEmpty() || !allowedPoliciesGlob.isEmpty()) {
            if (requested.isEmpty()) {
                out = allowedPolicies;
            } else {
                for (String p : requested) {
                    if (!p.equals("default") && !allowedPolicies.contains(p) && !globMatch(allowedPoliciesGlob, p)) {
                        throw VaultException.badRequest("token policies (" + requested + ") must be subset of the role's allowed policies ("
                                + allowedPolicies + ")");
                    }
                }
                out = requested;
            }
        } else {
            out = requested.isEmpty() ? TokenService.sanitize(parentPolicies) : requested;
        }
        for (String p : out) {
            if (disallows(p)) {
                throw VaultException.badRequest("token policy \"" + p + "\" is disallowed by this role");
            }
        }
        return out;
    }

    /** Whether the role restricts policies itself (then a child's need not be a subset of its parent's). */
    boolean restrictsPolicies() {
        return !allowedPolicies.isEmpty() || !allowedPoliciesGlob.isEmpty() || !disallowedPolicies.isEmpty()
                || !disallowedPoliciesGlob.isEmpty();
    }

    boolean disallows(String policy) {
        return disallowedPolicies.contains(policy) || globMatch(disallowedPoliciesGlob, policy);
    }

    /** The token's type: the role's, or the requested one where the role only sets a default. */
    String type(String requested) {
        String wanted = requested.isEmpty() || requested.equals("default") ? "" : requested;
        return switch (tokenType) {
            case "service", "batch" -> {
                if (!wanted.isEmpty() && !wanted.equals(tokenType)) {
                    throw VaultException.badRequest("role requires a token type of \"" + tokenType + "\"");
                }
                yield tokenType;
            }
            default -> wanted.isEmpty() ? tokenType.substring("default-".length()) : wanted;
        };
    }

    /** The path of the tokens: {@code auth/token/create/<role>} and the suffix. */
    String tokenPath() {
        return "auth/token/create/" + name + (pathSuffix.isEmpty() ? "" : "/" + pathSuffix);
    }

    private static boolean globMatch(List<String> globs, String value) {
        return !globs.isEmpty() && PatternMatchUtils.simpleMatch(globs.toArray(String[]::new), value);
    }
}
