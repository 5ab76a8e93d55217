package dev.arca.identity.login;

/**
 * Vault's simple glob (go-glob), as auth methods match what a login presents against their bindings:
 * {@code *} stands for any run of characters, anywhere; nothing else is special.
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String pattern, String value) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(value);
        }
        if (!value.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = value.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return value.length() - last.length() >= at && value.endsWith(last);
    }
}
