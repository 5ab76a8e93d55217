package dev.arca.core.policy;

import java.util.List;

/**
 * A parsed ACL policy.
 *
 * @param name  the policy name (lower case)
 * @param text  the HCL it was parsed from
 * @param rules its path stanzas in source order
 */
public record Policy(String name, String text, List<PathRule> rules) {

    public Policy {
        rules = List.copyOf(rules);
    }
}
