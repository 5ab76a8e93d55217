package dev.arca.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Templated policy paths (Vault's {@code identitytpl}): {@code {{identity.entity.id}}},
 * {@code {{identity.entity.name}}}, {@code {{identity.entity.metadata.<key>}}},
 * {@code {{identity.entity.aliases.<mount accessor>.name}}}, {@code {{identity.groups.ids.<id>.name}}},
 * {@code {{identity.groups.names.<name>.id}}} and the groups' {@code metadata.<key>}. A path whose
 * template cannot be resolved for the caller (no entity, no such alias, group or key, an unknown or
 * malformed template) is dropped from the policy, as Vault drops it. A value that contains {@code *}
 * also drops the path: a name must never widen a path into a glob.
 */
public final class PolicyTemplates {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    private PolicyTemplates() {
    }

    /** Whether any path of the policy is templated (its ACL then depends on the caller's entity). */
    public static boolean templated(Policy policy) {
        return policy.rules().stream().anyMatch(r -> r.pattern().contains(OPEN));
    }

    /** The policy with its templated paths filled in for this entity (null: none), unresolvable ones left out. */
    public static Policy resolve(Policy policy, @Nullable IdentityValues identity) {
        if (!templated(policy)) {
            return policy;
        }
        List<PathRule> rules = new ArrayList<>();
        for (PathRule r : policy.rules()) {
            if (!r.pattern().contains(OPEN)) {
                rules.add(r);
                continue;
            }
            fill(r.pattern(), identity).ifPresent(p -> rules.add(new PathRule(p, r.capabilities(), r.allowedParameters(),
                    r.deniedParameters(), r.requiredParameters(), r.line())));
        }
        return new Policy(policy.name(), policy.text(), rules);
    }

    /** The path with every template replaced, or empty when one cannot be resolved. */
    static Optional<String> fill(String pattern, @Nullable IdentityValues identity) {
        if (identity == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = pattern.indexOf(OPEN, at);
            if (open < 0) {
                break;
            }
            int close = pattern.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                return Optional.empty();
            }
            String value = value(pattern.substring(open + OPEN.length(), close).trim(), identity);
            if (value == null || value.contains("*")) {
                return Optional.empty();
            }
            out.append(pattern, at, open).append(value);
            at = close + CLOSE.length();
        }
        String filled = out.append(pattern.substring(at)).toString();
        return filled.contains(OPEN) || filled.contains(CLOSE) ? Optional.empty() : Optional.of(filled);
    }

    private static @Nullable String value(String key, IdentityValues id) {
        switch (key) {
            case "identity.entity.id":
                return id.entityId();
            case "identity.entity.name":
                return id.entityName();
            default:
                break;
        }
        String rest;
        if ((rest = after(key, "identity.entity.metadata.")) != null) {
            return id.metadata().get(rest);
        }
        if ((rest = after(key, "identity.entity.aliases.")) != null) {
            // <mount accessor>.name: accessors hold no dots
            int dot = rest.indexOf('.');
            return dot > 0 && rest.substring(dot + 1).equals("name") ? id.aliasNames().get(rest.substring(0, dot)) : null;
        }
        if ((rest = after(key, "identity.groups.ids.")) != null) {
            return group(rest, id, rest.indexOf('.') > 0 ? rest.substring(0, rest.indexOf('.')) : null, "name");
        }
        if ((rest = after(key, "identity.groups.names.")) != null) {
            // group names may hold dots: the longest of the caller's group names that the key starts with
            Map.Entry<String, String> best = null;
            for (Map.Entry<String, String> g : id.groupNames().entrySet()) {
                if (rest.startsWith(g.getValue() + ".") && (best == null || g.getValue().length() > best.getValue().length())) {
                    best = g;
                }
            }
            if (best != null) {
                return group(best.getKey() + rest.substring(best.getValue().length()), id, best.getKey(), "id");
            }
        }
        return null;
    }

    /** {@code <group id>.<name|id|metadata.key>} for one of the caller's groups. */
    private static @Nullable String group(String rest, IdentityValues id, @Nullable String groupId, String plain) {
        if (groupId == null || !id.groupNames().containsKey(groupId)) {
            return null;
        }
        String field = rest.substring(groupId.length() + 1);
        if (field.equals(plain)) {
            return plain.equals("id") ? groupId : id.groupNames().get(groupId);
        }
        String key = after(field, "metadata.");
        return key == null ? null : id.groupMetadata().getOrDefault(groupId, Map.of()).get(key);
    }

    private static @Nullable String after(String key, String prefix) {
        return key.startsWith(prefix) && key.length() > prefix.length() ? key.substring(prefix.length()) : null;
    }
}
