package dev.arca.pki.roles;

import dev.arca.core.api.VaultException;
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Vault's rules for the names a role allows (its {@code validateNames}): host names and e-mail domains
 * against {@code allowed_domains} with bare, subdomain and glob matching, {@code localhost}, wildcards,
 * {@code allow_any_name}, and {@code enforce_hostnames}; URI, other and serial-number SANs against their globs.
 */
public final class Names {

    private static final Pattern HOSTNAME = Pattern.compile(
            "^(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9])$");
    private static final Pattern LABEL = Pattern.compile("^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])$");

    private Names() {
    }

    /** The first name the role does not allow, or null. */
    public static @Nullable String firstDenied(Role role, List<String> names) {
        for (String name : names) {
            if (!allowed(role, name)) {
                return name;
            }
        }
        return null;
    }

    static boolean allowed(Role role, String name) {
        String reduced = name;
        String emailDomain = name;
        boolean email = false;
        boolean wildcard = false;
        if (reduced.contains("@")) {
            String[] parts = reduced.split("@", -1);
            if (parts.length != 2) {
                return false;
            }
            reduced = parts[1];
            emailDomain = parts[1];
            email = true;
        }
        String wildcardLabel = "";
        int dot = reduced.indexOf('.');
        if (reduced.contains("*")) {
            wildcard = true;
            if (!role.bool("allow_wildcard_certificates") && role.document().has("allow_wildcard_certificates")) {
                return false;
            }
            // RFC 6125: the wildcard may only be in the left-most label, and the rest must remain.
            if (dot <= 0 || reduced.substring(dot).contains("*")) {
                return false;
            }
            wildcardLabel = reduced.substring(0, dot);
            reduced = reduced.substring(dot + 1);
        }
        if (email && wildcard) {
            return false;
        }
        if (role.bool("enforce_hostnames")) {
            if (!reduced.isEmpty() && !hostname(reduced)) {
                return false;
            }
            if (wildcard && !wildcardLabel.equals("*") && !LABEL.matcher(wildcardLabel.replace("*", "x")).matches()) {
                return false;
            }
        }
        if (role.bool("allow_any_name")) {
            return true;
        }
        if (role.bool("allow_localhost")) {
            if (reduced.equals("localhost") || reduced.equals("localdomain")) {
                return true;
            }
            if (role.bool("allow_subdomains") && (reduced.endsWith(".localhost") || reduced.endsWith(".localdomain"))) {
                return true;
            }
        }
        for (String domain : role.strings("allowed_domains")) {
            if (domain.isEmpty()) {
                continue;
            }
            if (role.bool("allow_bare_domains") && (name.equalsIgnoreCase(domain) || (email && emailDomain.equalsIgnoreCase(domain)))) {
                return true;
            }
            if (role.bool("allow_subdomains") && (reduced.endsWith("." + domain) || (wildcard && reduced.equalsIgnoreCase(domain)))) {
                return true;
            }
            if (role.bool("allow_glob_domains") && domain.contains("*") && glob(domain, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean hostname(String name) {
        try {
            return HOSTNAME.matcher(IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES)).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the text is a host name (so that a common name goes into the DNS SANs). */
    public static boolean looksLikeHostname(String name) {
        String n = name.startsWith("*.") ? name.substring(2) : name;
        return hostname(n);
    }

    /** Glob matching as Vault's (only {@code *}, which matches any run of characters, dots included). */
    public static boolean glob(String pattern, String subject) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(subject);
        }
        if (!subject.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = subject.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return subject.length() - at >= last.length() && subject.endsWith(last);
    }

    public static boolean anyGlob(List<String> patterns, String subject) {
        return patterns.stream().anyMatch(p -> glob(p, subject));
    }

    /** {@code allowed_other_sans} entries are {@code *} or {@code <oid>;UTF8:<value glob>}. */
    public static void checkOtherSanPatterns(List<String> patterns) {
        for (String p : patterns) {
            if (!p.equals("*")) {
                parseOtherSan(p);
            }
        }
    }

    /** An other SAN as {@code <oid>;UTF8:<value>} (Vault's only accepted type), split in oid and value. */
    public static String[] parseOtherSan(String text) {
        int semi = text.indexOf(';');
        if (semi <= 0) {
            throw VaultException.badRequest("other SAN " + text + " is not of the form <oid>;UTF8:<value>");
        }
        String oid = text.substring(0, semi);
        String rest = text.substring(semi + 1);
        int colon = rest.indexOf(':');
        if (colon < 0 || !List.of("utf8", "utf-8").contains(rest.substring(0, colon).toLowerCase(Locale.ROOT))) {
            throw VaultException.badRequest("other SAN " + text + " must be of type UTF8");
        }
        if (!oid.matches("[0-9]+(\\.[0-9]+)+")) {
            throw VaultException.badRequest("other SAN " + text + " has an invalid OID");
        }
        return new String[] {oid, rest.substring(colon + 1)};
    }

    /** Whether the role allows an other SAN. */
    public static boolean otherSanAllowed(Role role, String oid, String value) {
        for (String p : role.strings("allowed_other_sans")) {
            if (p.equals("*")) {
                return true;
            }
            String[] allowed = parseOtherSan(p);
            if ((allowed[0].equals(oid) || allowed[0].equals("*")) && glob(allowed[1], value)) {
                return true;
            }
        }
        return false;
    }
}
