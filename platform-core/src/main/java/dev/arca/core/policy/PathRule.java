package dev.arca.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code path "..." { ... }} stanza of a policy.
 *
 * @param pattern            the path pattern as written (leading {@code /} removed), may end in {@code *} and contain {@code +} segments
 * @param capabilities       granted capabilities, including those implied by a legacy {@code policy = "..."}
 * @param allowedParameters  lower-cased parameter name (or {@code *}) to allowed values; an empty list allows any value
 * @param deniedParameters   lower-cased parameter name (or {@code *}) to denied values; an empty list denies any value
 * @param requiredParameters lower-cased parameter names that must be present
 * @param line               line of the stanza in the policy text
 * @param minWrappingTtl     {@code min_wrapping_ttl} in seconds: a call must ask for a wrapped answer of at least this TTL; 0 for none
 * @param maxWrappingTtl     {@code max_wrapping_ttl} in seconds: a call must ask for a wrapped answer of at most this TTL; 0 for none
 */
public record PathRule(String pattern, Set<Capability> capabilities, Map<String, List<Object>> allowedParameters,
        Map<String, List<Object>> deniedParameters, List<String> requiredParameters, int line, long minWrappingTtl,
        long maxWrappingTtl) {

    /** A stanza without wrapping limits. */
    public PathRule(String pattern, Set<Capability> capabilities, Map<String, List<Object>> allowedParameters,
            Map<String, List<Object>> deniedParameters, List<String> requiredParameters, int line) {
        this(pattern, capabilities, allowedParameters, deniedParameters, requiredParameters, line, 0, 0);
    }

    public PathRule {
        capabilities = Set.copyOf(capabilities);
        allowedParameters = Map.copyOf(allowedParameters);
        deniedParameters = Map.copyOf(deniedParameters);
        requiredParameters = List.copyOf(requiredParameters);
    }
}
