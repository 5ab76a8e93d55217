package dev.arca.core.api;

import java.math.BigDecimal;
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

    /** The longest duration Vault (Go's {@code time.Duration}, int64 nanoseconds) can hold, in seconds. */
    public static final long MAX_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SECONDS);

    /**
     * Parses a duration to whole seconds: a number of seconds or a Go duration string. Anything
     * negative, fractional beyond what a unit allows, or longer than {@link #MAX_SECONDS} is refused.
     *
     * @throws VaultException 400 naming the field when the value is not a duration in range
     */
    public static long seconds(@Nullable Object value, String field) {
        if (value == null) {
            return 0;
        }
        BigDecimal total;
        if (value instanceof Number n) {
            total = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } else {
            String s = value.toString().trim();
            if (s.isEmpty()) {
                return 0;
            }
            total = s.chars().allMatch(Character::isDigit) ? new BigDecimal(s) : parse(s, field);
        }
        if (total.signum() < 0) {
            throw VaultException.badRequest("invalid duration for " + field + ": must not be negative");
        }
        if (total.compareTo(MAX) > 0) {
            throw VaultException.badRequest("invalid duration for " + field + ": out of range");
        }
        return total.longValue();
    }

    private static BigDecimal parse(String s, String field) {
        if (s.length() > 64) {
            throw VaultException.badRequest("invalid duration for " + field);
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (m.find() && m.start() == at) {
            BigDecimal n = new BigDecimal(m.group(1));
            total = total.add(switch (m.group(2)) {
                case "ns" -> n.movePointLeft(9);
                case "us", "µs" -> n.movePointLeft(6);
                case "ms" -> n.movePointLeft(3);
                case "s" -> n;
                case "m" -> n.multiply(BigDecimal.valueOf(60));
                case "h" -> n.multiply(BigDecimal.valueOf(3600));
                default -> n.multiply(BigDecimal.valueOf(86400));
            });
            at = m.end();
        }
        if (at != s.length() || at == 0) {
            throw VaultException.badRequest("invalid duration for " + field + ": \"" + s + "\"");
        }
        return total;
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
}
