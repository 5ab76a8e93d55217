package dev.arca.identity.login;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.net.Cidrs;
import dev.arca.identity.policy.PolicyStore;
import dev.arca.identity.token.BatchTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code token_*} parameters every auth method's roles and users share (Vault's
 * {@code tokenutil.TokenParams}): declared once as fields, parsed once, stored as JSON, read back in
 * Vault's shape.
 *
 * @param ttl             {@code token_ttl} in seconds, 0 for the mount's or the system's default
 * @param maxTtl          {@code token_max_ttl} in seconds, 0 for the mount's or the system's maximum
 * @param explicitMaxTtl  {@code token_explicit_max_ttl}: a hard limit on the token's life, renewals included
 * @param period          {@code token_period}: a periodic token renewed by this period
 */
public record TokenSettings(long ttl, long maxTtl, List<String> policies, List<String> boundCidrs, long explicitMaxTtl,
        boolean noDefaultPolicy, int numUses, long period, String type) {

    private static final List<String> TYPES = List.of("default", "service", "batch", "default-service", "default-batch");

    public static final TokenSettings DEFAULT = new TokenSettings(0, 0, List.of(), List.of(), 0, false, 0, 0, "default");

    public TokenSettings {
        policies = List.copyOf(policies);
        boundCidrs = List.copyOf(boundCidrs);
    }

    /** A list of policy names, each within the bound on a policy's name. */
    public static Field policies(String name, String description) {
        return Field.of(name, FieldType.COMMA_STRING_SLICE, description).maxLength(PolicyStore.MAX_NAME);
    }

    /** The fields, to add to a path family. */
    public static List<Field> fields() {
        return List.of(
                Field.of("token_ttl", FieldType.DURATION, "The TTL of tokens issued; 0 for the mount's default."),
                Field.of("token_max_ttl", FieldType.DURATION, "The longest a token issued may live, renewals included."),
                policies("token_policies", "Policies of tokens issued."),
                Field.of("token_bound_cidrs", FieldType.COMMA_STRING_SLICE, "Client addresses allowed to use tokens issued."),
                Field.of("token_explicit_max_ttl", FieldType.DURATION, "A hard limit on a token's life."),
                Field.of("token_no_default_policy", FieldType.BOOL, "Leave out the default policy."),
                Field.of("token_num_uses", FieldType.INT, "Uses of a token issued; 0 for unlimited.").range(0, Integer.MAX_VALUE),
                Field.of("token_period", FieldType.DURATION, "Make tokens periodic with this period."),
                Field.of("token_type", FieldType.STRING, "Token type: service, batch, default-service, default-batch or default."));
    }

    /** The named ones of {@link #fields()} (Vault's {@code AddTokenFieldsWithAllowList}), e.g. for token roles. */
    public static List<Field> fields(List<String> names) {
        return fields().stream().filter(f -> names.contains(f.name())).toList();
    }

    /** The settings a write gives, the fields it leaves out kept from {@code base}. */
    public static TokenSettings parse(FieldData f, TokenSettings base) {
        String type = f.has("token_type") ? f.string("token_type") : base.type();
        if (!TYPES.contains(type)) {
            throw VaultException.badRequest("unsupported token_type \"" + type.replaceAll("[^a-z-]", "") + "\"");
        }
        TokenSettings parsed = new TokenSettings(
                f.has("token_ttl") ? f.duration("token_ttl") : base.ttl(),
                f.has("token_max_ttl") ? f.duration("token_max_ttl") : base.maxTtl(),
                f.has("token_policies") ? f.strings("token_policies") : base.policies(),
                f.has("token_bound_cidrs") ? Cidrs.check(f.strings("token_bound_cidrs"), "token_bound_cidrs") : base.boundCidrs(),
                f.has("token_explicit_max_ttl") ? f.duration("token_explicit_max_ttl") : base.explicitMaxTtl(),
                f.has("token_no_default_policy") ? f.bool("token_no_default_policy", false) : base.noDefaultPolicy(),
                f.has("token_num_uses") ? f.integer("token_num_uses") : base.numUses(),
                f.has("token_period") ? f.duration("token_period") : base.period(),
                type);
        if (parsed.batch()) {
            BatchTokens.checkLimits(parsed.period(), parsed.numUses(), parsed.explicitMaxTtl());
        }
        return parsed;
    }

    /** Whether logins issue batch tokens ({@code batch} or {@code default-batch}; the others issue service tokens). */
    public boolean batch() {
        return type.equals("batch") || type.equals("default-batch");
    }

    public TokenSettings withBoundCidrs(List<String> cidrs) {
        return new TokenSettings(ttl, maxTtl, policies, cidrs, explicitMaxTtl, noDefaultPolicy, numUses, period, type);
    }

    /** {@link #parse}, with the methods' older {@code policies} field standing for {@code token_policies} when only it is sent. */
    public static TokenSettings parseWithPolicies(FieldData f, TokenSettings base) {
        TokenSettings s = parse(f, base);
        return f.has("policies") && !f.has("token_policies") ? s.withPolicies(f.strings("policies")) : s;
    }

    public TokenSettings withPolicies(List<String> newPolicies) {
        return new TokenSettings(ttl, maxTtl, newPolicies, boundCidrs, explicitMaxTtl, noDefaultPolicy, numUses, period, type);
    }

    /** The settings as Vault reads them back. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token_bound_cidrs", boundCidrs);
        m.put("token_explicit_max_ttl", explicitMaxTtl);
        m.put("token_max_ttl", maxTtl);
        m.put("token_no_default_policy", noDefaultPolicy);
        m.put("token_num_uses", numUses);
        m.put("token_period", period);
        m.put("token_policies", policies);
        m.put("token_ttl", ttl);
        m.put("token_type", type);
        return m;
    }
}
