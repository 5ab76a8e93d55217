package dev.arca.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, compiled ACL for one set of policies. Stanzas with the same pattern are merged across
 * policies ({@code deny} wins); for a path, an exact pattern wins, else the single highest-priority
 * glob in Vault's order (later first {@code +}/{@code *}, not ending in {@code *}, fewer {@code +},
 * longer, lexically greater). Globs are pre-sorted by priority, so evaluation is one map lookup plus
 * a scan that stops at the first match.
 */
public final class Acl {

    private static final Set<String> PARAMETER_OPERATIONS = Set.of("create", "update", "patch");
    private static final Acl ROOT = new Acl(true, Map.of(), List.of());
    private static final Acl NONE = new Acl(false, Map.of(), List.of());

    private final boolean root;
    private final Map<String, Rule> exact;
    private final List<Rule> globs;

    private Acl(boolean root, Map<String, Rule> exact, List<Rule> globs) {
        this.root = root;
        this.exact = exact;
        this.globs = globs;
    }

    /** The root policy's ACL: everything allowed, including sudo. */
    public static Acl root() {
        return ROOT;
    }

    /** Compiles policies once. An empty list allows nothing. */
    public static Acl of(List<Policy> policies) {
        if (policies.isEmpty()) {
            return NONE;
        }
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (Policy p : policies) {
            for (PathRule r : p.rules()) {
                merged.computeIfAbsent(r.pattern(), k -> new Merged()).add(r);
            }
        }
        Map<String, Rule> exact = new HashMap<>();
        List<Rule> globs = new ArrayList<>();
        for (var e : merged.entrySet()) {
            Rule rule = e.getValue().compile(e.getKey());
            if (rule.prefix || rule.segments != null) {
                globs.add(rule);
            } else {
                exact.put(rule.path, rule);
            }
        }
        globs.sort(Rule.PRIORITY.reversed());
        return new Acl(false, Map.copyOf(exact), List.copyOf(globs));
    }

    /** Whether this is the root ACL. */
    public boolean isRoot() {
        return root;
    }

    /**
     * Whether {@code operation} (create, read, update, patch, delete, list) on {@code path} is allowed,
     * checking parameter constraints against {@code params} for create, update and patch.
     */
    public boolean allowOperation(String path, String operation, @Nullable Map<String, Object> params) {
        if (root) {
            return true;
        }
        Rule rule = match(path, operation.equals("list"));
        if (rule == null || (rule.caps & Capability.DENY.bit) != 0) {
            return false;
        }
        Capability needed = Capability.fromWire(operation);
        if (needed == null || needed == Capability.DENY || needed == Capability.SUDO || (rule.caps & needed.bit) == 0) {
            return false;
        }
        return !PARAMETER_OPERATIONS.contains(operation) || rule.parametersAllowed(params == null ? Map.of() : params);
    }

    /** {@link #allowOperation} and, when {@code sudo} is set, also the sudo capability on the path. */
    public boolean allowOperation(String path, String operation, @Nullable Map<String, Object> params, boolean sudo) {
        return allowOperation(path, operation, params) && (!sudo || hasSudo(path));
    }

    /**
     * Whether a call asking for a wrapped answer with {@code wrapTtl} seconds (0: not wrapped) meets the
     * path's {@code min_wrapping_ttl} and {@code max_wrapping_ttl}, as Vault checks them after the capabilities.
     */
    public boolean allowsWrapping(String path, String operation, long wrapTtl) {
        if (root) {
            return true;
        }
        Rule rule = match(path, operation.equals("list"));
        if (rule == null) {
            return true;
        }
        if (rule.maxWrapping > 0 && (wrapTtl == 0 || wrapTtl > rule.maxWrapping)) {
            return false;
        }
        return rule.minWrapping == 0 || (wrapTtl != 0 && wrapTtl >= rule.minWrapping);
    }

    /** Whether the path grants {@code sudo} (root always does). */
    public boolean hasSudo(String path) {
        if (root) {
            return true;
        }
        Rule rule = match(path, false);
        return rule != null && (rule.caps & Capability.DENY.bit) == 0 && (rule.caps & Capability.SUDO.bit) != 0;
    }

    /** Vault's {@code sys/capabilities} answer: sorted names, {@code ["deny"]} for nothing, {@code ["root"]} for root. */
    public List<String> capabilities(String path) {
        if (root) {
            return List.of("root");
        }
        Rule rule = match(path, false);
        if (rule == null || rule.caps == 0 || (rule.caps & Capability.DENY.bit) != 0) {
            return List.of("deny");
        }
        List<String> names = new ArrayList<>();
        for (Capability c : Capability.values()) {
            if ((rule.caps & c.bit) != 0) {
                names.add(c.wireName());
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private @Nullable Rule match(String rawPath, boolean list) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        Rule r = exact.get(path);
        if (r == null && list && path.endsWith("/")) {
            r = exact.get(path.substring(0, path.length() - 1));
        }
        if (r != null) {
            return r;
        }
        if (globs.isEmpty()) {
            return null;
        }
        String[] parts = null;
        for (Rule g : globs) {
            if (g.segments == null) {
                if (path.startsWith(g.path)) {
                    return g;
                }
            } else {
                if (parts == null) {
                    parts = path.split("/", -1);
                }
                if (g.matchesSegments(parts)) {
                    return g;
                }
            }
        }
        return null;
    }

    /** Accumulates the stanzas of one pattern from several policies. */
    private static final class Merged {
        int caps;
        @Nullable Map<String, List<Object>> allowed;
        @Nullable Map<String, List<Object>> denied;
        final Set<String> required = new LinkedHashSet<>();
        long minWrapping;
        long maxWrapping;

        void add(PathRule r) {
            // Vault merges to the most permissive limits: the lowest minimum, the highest maximum
            if (r.minWrappingTtl() > 0 && (minWrapping == 0 || r.minWrappingTtl() < minWrapping)) {
                minWrapping = r.minWrappingTtl();
            }
            if (r.maxWrappingTtl() > 0 && r.maxWrappingTtl() > maxWrapping) {
                maxWrapping = r.maxWrappingTtl();
            }
            for (Capability c : r.capabilities()) {
                caps |= c.bit;
            }
            allowed = mergeParameters(allowed, r.allowedParameters());
            denied = mergeParameters(denied, r.deniedParameters());
            required.addAll(r.requiredParameters());
        }

        Rule compile(String pattern) {
            int c = (caps & Capability.DENY.bit) != 0 ? Capability.DENY.bit : caps;
            return new Rule(pattern, c, allowed == null ? Map.of() : Map.copyOf(allowed),
                    denied == null ? Map.of() : Map.copyOf(denied), List.copyOf(required), minWrapping, maxWrapping);
        }

        private static @Nullable Map<String, List<Object>> mergeParameters(@Nullable Map<String, List<Object>> into,
                Map<String, List<Object>> add) {
            if (add.isEmpty()) {
                return into;
            }
            Map<String, List<Object>> out = into == null ? new HashMap<>() : into;
            for (var e : add.entrySet()) {
                List<Object> existing = out.get(e.getKey());
                if (existing == null) {
                    out.put(e.getKey(), e.getValue());
                } else if (existing.isEmpty() || e.getValue().isEmpty()) {
                    // an empty list means any value: merging with it stays unrestricted
                    out.put(e.getKey(), List.of());
                } else {
                    List<Object> both = new ArrayList<>(existing);
                    both.addAll(e.getValue());
                    out.put(e.getKey(), List.copyOf(both));
                }
            }
            return out;
        }
    }

    /** One compiled pattern. */
    private static final class Rule {

        static final Comparator<Rule> PRIORITY = Comparator
                .comparingInt((Rule r) -> r.firstWildcard)
                .thenComparing(r -> !r.prefix)
                .thenComparingInt(r -> -r.plusCount)
                .thenComparingInt(r -> r.path.length())
                .thenComparing(r -> r.path);

        final String path;
        final boolean prefix;
        final String @Nullable [] segments;
        final int firstWildcard;
        final int plusCount;
        final int caps;
        final Map<String, List<Object>> allowed;
        final Map<String, List<Object>> denied;
        final List<String> required;
        final long minWrapping;
        final long maxWrapping;

        Rule(String pattern, int caps, Map<String, List<Object>> allowed, Map<String, List<Object>> denied, List<String> required,
                long minWrapping, long maxWrapping) {
            this.minWrapping = minWrapping;
            this.maxWrapping = maxWrapping;
            this.prefix = pattern.endsWith("*");
            this.path = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
            int plus = path.indexOf('+');
            this.segments = plus >= 0 ? path.split("/", -1) : null;
            this.firstWildcard = plus >= 0 ? plus : path.length();
            this.plusCount = (int) path.chars().filter(ch -> ch == '+').count();
            this.caps = caps;
            this.allowed = allowed;
            this.denied = denied;
            this.required = required;
        }

        boolean matchesSegments(String[] parts) {
            String[] segs = segments;
            if (segs == null || parts.length < segs.length || (!prefix && parts.length != segs.length)) {
                return false;
            }
            int last = segs.length - 1;
            for (int i = 0; i < segs.length; i++) {
                String s = segs[i];
                if (s.equals("+")) {
                    continue;
                }
                if (i == last && prefix ? !parts[i].startsWith(s) : !parts[i].equals(s)) {
                    return false;
                }
            }
            return true;
        }

        boolean parametersAllowed(Map<String, Object> params) {
            Map<String, Object> lower = params;
            if (!required.isEmpty() || !denied.isEmpty() || !allowed.isEmpty()) {
                lower = new HashMap<>();
                for (var e : params.entrySet()) {
                    lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
                }
            }
            for (String r : required) {
                if (!lower.containsKey(r)) {
                    return false;
                }
            }
            if (lower.isEmpty()) {
                return true;
            }
            if (!denied.isEmpty()) {
                if (denied.containsKey("*")) {
                    return false;
                }
                for (var e : lower.entrySet()) {
                    List<Object> values = denied.get(e.getKey());
                    if (values != null && valueIn(e.getValue(), values)) {
                        return false;
                    }
                }
            }
            if (allowed.isEmpty()) {
                return true;
            }
            boolean any = allowed.containsKey("*");
            if (any && allowed.size() == 1) {
                return true;
            }
            for (var e : lower.entrySet()) {
                List<Object> values = allowed.get(e.getKey());
                if (values == null ? !any : !valueIn(e.getValue(), values)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean valueIn(@Nullable Object value, List<Object> list) {
            if (list.isEmpty()) {
                return true;
            }
            for (Object el : list) {
                if (value instanceof String v && el instanceof String g) {
                    if (globMatch(g, v)) {
                        return true;
                    }
                } else if (value instanceof Number v && el instanceof Number n) {
                    if (Double.compare(v.doubleValue(), n.doubleValue()) == 0) {
                        return true;
                    }
                } else if (el.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        /** Vault's GlobbedStringsMatch: a leading and/or trailing {@code *} in the policy value. */
        private static boolean globMatch(String glob, String value) {
            boolean lead = glob.length() > 1 && glob.startsWith("*");
            boolean trail = glob.endsWith("*");
            if (glob.equals("*")) {
                return true;
            }
            if (lead && trail) {
                return value.contains(glob.substring(1, glob.length() - 1));
            }
            if (lead) {
                return value.endsWith(glob.substring(1));
            }
            if (trail) {
                return value.startsWith(glob.substring(0, glob.length() - 1));
            }
            return value.equals(glob);
        }
    }
}
