package dev.arca.core.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Vault's duration fields: a number of seconds (JSON number or numeric string) or a Go duration
 * string such as {@code "1h30m"}, {@code "90s"} or {@code "3h25m19s"}; Vault also accepts {@code d}.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration to whole seconds.
     *
     * @throws VaultException 400 naming the field when the value is not a duration
     */
    public static long seconds(@Nullable Object value, String field) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return requireNonNegative(n.longValue(), field);
        }
        String s = value.toString().trim();
        if (s.isEmpty()) {
            return 0;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return requireNonNegative(Long.parseLong(s), field);
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double total = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "ns" -> n / 1e9;
                case "us", "µs" -> n / 1e6;
                case "ms" -> n / 1e3;
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
            at = m.end();
        }
        if (at != s.length() || at == 0) {
            throw VaultException.badRequest("invalid duration for " + field + ": \"" + s + "\"");
        }
        return (long) total;
    }

    /** Formats seconds as Go's {@code time.Duration.String()} does, e.g. {@code 3h25m19s}, {@code 0s}. */
    public static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            b.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            b.append(m).append('m');
        }
        return b.append(s).append('s').toString();
    }

    private static long requireNonNegative(long v, String field) {
        if (v < 0) {
            throw VaultException.badRequest("invalid duration for " + field + ": must not be negative");
        }
        return v;
    }
}
