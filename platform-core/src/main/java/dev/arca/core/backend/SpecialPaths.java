package dev.arca.core.backend;

import java.util.List;

/**
 * Vault's special-path patterns ({@code PathsSpecial}): an exact path, or a prefix when the pattern
 * ends in {@code *}. Paths are relative to the mount.
 */
public final class SpecialPaths {

    private SpecialPaths() {
    }

    public static boolean matches(List<String> patterns, String relativePath) {
        for (String p : patterns) {
            if (p.endsWith("*") ? relativePath.startsWith(p.substring(0, p.length() - 1)) : relativePath.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
