package dev.arca.core.policy;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.core.hcl.Hcl;
import dev.arca.core.hcl.HclBlock;
import dev.arca.core.hcl.HclBody;
import dev.arca.core.hcl.HclException;
import dev.arca.core.hcl.HclJson;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses Vault ACL policy HCL (or its JSON form) strictly: only {@code name} and {@code path "<pattern>" { ... }} at the
 * top level; inside a path only {@code capabilities}, legacy {@code policy}, {@code allowed_parameters},
 * {@code denied_parameters}, {@code required_parameters}, {@code min_wrapping_ttl},
 * {@code max_wrapping_ttl} and {@code mfa_methods}. Every fault is a 400
 * {@code failed to parse policy: line N...}.
 */
public final class PolicyParser {

    private static final Set<String> PATH_KEYS = Set.of("capabilities", "policy", "allowed_parameters",
            "denied_parameters", "required_parameters", "min_wrapping_ttl", "max_wrapping_ttl", "mfa_methods");

    private PolicyParser() {
    }

    /**
     * Parses one policy.
     *
     * @throws VaultException 400 {@code failed to parse policy: line N...} on any syntax or semantic fault
     */
    public static Policy parse(String name, String hcl) {
        try {
            HclBody body = HclJson.isJson(hcl) ? HclJson.parse(hcl, Set.of("path")) : Hcl.parse(hcl);
            return new Policy(name.toLowerCase(Locale.ROOT), hcl, rules(body));
        } catch (HclException e) {
            throw VaultException.badRequest("failed to parse policy: " + e.getMessage());
        }
    }

    private static List<PathRule> rules(HclBody root) {
        for (var e : root.attributes().entrySet()) {
            if (!e.getKey().equals("name") || !(e.getValue() instanceof String)) {
                throw new HclException(root.lineOf(e.getKey()), 0, "invalid key \"" + e.getKey() + "\" at the top level");
            }
        }
        List<PathRule> rules = new ArrayList<>();
        for (HclBlock b : root.blocks()) {
            if (!b.type().equals("path")) {
                throw new HclException(b.line(), 0, "invalid key \"" + b.type() + "\" at the top level");
            }
            if (b.labels().size() != 1) {
                throw new HclException(b.line(), 0, "path block needs exactly one quoted path");
            }
            rules.add(rule(b.labels().get(0), b.body(), b.line()));
        }
        return rules;
    }

    private static PathRule rule(String rawPattern, HclBody body, int line) {
        String pattern = rawPattern.startsWith("/") ? rawPattern.substring(1) : rawPattern;
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            throw new HclException(line, 0, "path \"" + rawPattern + "\": '*' is only allowed at the end of a path");
        }
        Map<String, List<Object>> allowed = Map.of();
        Map<String, List<Object>> denied = Map.of();
        for (HclBlock nested : body.blocks()) {
            // HCL1 lets "allowed_parameters { ... }" stand for "allowed_parameters = { ... }"
            if (!nested.labels().isEmpty() || !(nested.type().equals("allowed_parameters") || nested.type().equals("denied_parameters"))) {
                throw new HclException(nested.line(), 0, "invalid key \"" + nested.type() + "\" in path \"" + rawPattern + "\"");
            }
            if (nested.type().equals("allowed_parameters")) {
                allowed = parameters(nested.body(), nested.type());
            } else {
                denied = parameters(nested.body(), nested.type());
            }
        }
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        List<String> required = List.of();
        long minWrapping = 0;
        long maxWrapping = 0;
        for (var e : body.attributes().entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            int at = body.lineOf(key);
            if (!PATH_KEYS.contains(key)) {
                throw new HclException(at, 0, "invalid key \"" + key + "\" in path \"" + rawPattern + "\"");
            }
            switch (key) {
                case "capabilities" -> {
                    for (String word : strings(v, key, at)) {
                        Capability c = Capability.fromWire(word.toLowerCase(Locale.ROOT));
                        if (c == null) {
                            throw new HclException(at, 0, "invalid capability \"" + word + "\" in path \"" + rawPattern + "\"");
                        }
                        caps.add(c);
                    }
                }
                case "policy" -> {
                    if (!(v instanceof String s)) {
                        throw new HclException(at, 0, "\"policy\" must be a string");
                    }
                    caps.addAll(legacy(s, at));
                }
                case "allowed_parameters" -> allowed = parameters(object(v, key, at), key);
                case "denied_parameters" -> denied = parameters(object(v, key, at), key);
                case "required_parameters" -> required = strings(v, key, at).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
                case "mfa_methods" -> strings(v, key, at);
                default -> {
                    if (!(v instanceof String) && !(v instanceof Long)) {
                        throw new HclException(at, 0, "\"" + key + "\" must be a duration");
                    }
                    try {
                        long seconds = Durations.seconds(v, key);
                        if (key.equals("min_wrapping_ttl")) {
                            minWrapping = seconds;
                        } else {
                            maxWrapping = seconds;
                        }
                    } catch (VaultException notADuration) {
                        // as Vault's parseutil: "abc" is no duration, however well-formed the policy is otherwise
                        throw new HclException(at, 0, "error parsing " + key + ": \"" + key + "\" must be a duration");
                    }
                }
            }
        }
        if (maxWrapping > 0 && minWrapping > maxWrapping) {
            throw new HclException(line, 0, "max_wrapping_ttl cannot be less than min_wrapping_ttl");
        }
        return new PathRule(pattern, caps, allowed, denied, required, line, minWrapping, maxWrapping);
    }

    private static Set<Capability> legacy(String word, int line) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "deny" -> EnumSet.of(Capability.DENY);
            case "read" -> EnumSet.of(Capability.READ, Capability.LIST);
            case "write" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE, Capability.LIST);
            case "sudo" -> EnumSet.of(Capability.CREATE, Capability.READ, Capability.UPDATE, Capability.DELETE, Capability.LIST, Capability.SUDO);
            default -> throw new HclException(line, 0, "invalid policy \"" + word + "\": must be deny, read, write or sudo");
        };
    }

    private static HclBody object(Object v, String key, int line) {
        if (v instanceof HclBody b) {
            return b;
        }
        throw new HclException(line, 0, "\"" + key + "\" must be an object such as { \"name\" = [] }");
    }

    private static Map<String, List<Object>> parameters(HclBody body, String key) {
        if (!body.blocks().isEmpty()) {
            throw new HclException(body.blocks().get(0).line(), 0, "\"" + key + "\" entries must be lists of values");
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (var e : body.attributes().entrySet()) {
            int at = body.lineOf(e.getKey());
            if (!(e.getValue() instanceof List<?> values)) {
                throw new HclException(at, 0, "\"" + key + "\" entry \"" + e.getKey() + "\" must be a list of values");
            }
            for (Object o : values) {
                if (o instanceof List<?> || o instanceof HclBody) {
                    throw new HclException(at, 0, "\"" + key + "\" entry \"" + e.getKey() + "\" must hold plain values");
                }
            }
            out.put(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(values));
        }
        return out;
    }

    private static List<String> strings(Object v, String key, int line) {
        if (!(v instanceof List<?> list)) {
            throw new HclException(line, 0, "\"" + key + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new HclException(line, 0, "\"" + key + "\" must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }
}
