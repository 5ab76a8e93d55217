package dev.arca.core.backend;

import java.util.List;

/**
 * Vault's special-path patterns ({@code PathsSpecial}): an exact path, or a prefix when the pattern
 * ends in {@code *}; a {@code +} segment matches any one segment ({@code issuer/+/crl}). Paths are
 * relative to the mount.
 */
public final class SpecialPaths {

    private SpecialPaths() {
    }

    public static boolean matches(List<String> patterns, String relativePath) {
        for (String p : patterns) {
            if (matches(p, relativePath)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String path) {
        boolean prefix = pattern.endsWith("*");
        String fixed = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!fixed.contains("+")) {
            return prefix ? path.startsWith(fixed) : path.equals(fixed);
        }
        String[] want = fixed.split("/", -1);
        String[] have = path.split("/", -1);
        if (have.length < want.length || (!prefix && have.length != want.length)) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            boolean last = i == want.length - 1;
            if (want[i].equals("+")) {
                if (have[i].isEmpty()) {
                    return false;
                }
            } else if (last && prefix ? !have[i].startsWith(want[i]) : !have[i].equals(want[i])) {
                return false;
            }
        }
        return true;
    }
}
