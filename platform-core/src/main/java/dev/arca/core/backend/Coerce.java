package dev.arca.core.backend;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one reader of Vault's loose input: numbers and booleans may come as strings, durations as
 * numbers of seconds or Go duration strings, lists as arrays or comma-separated strings, query strings
 * as Vault parses them. Every number is range-checked: out of range is a 400 naming the field (never
 * echoing the value), never a silent wrap or overflow.
 */
public final class Coerce {

    /** The longest duration a caller may send, in seconds (Go's {@code time.Duration} limit). */
    public static final long MAX_DURATION_SECONDS = Durations.MAX_SECONDS;

    private Coerce() {
    }

    /** Text of a scalar: strings as they are, numbers and booleans as their JSON text. */
    public static String string(JsonNode n, String field) {
        if (n.isString()) {
            return n.stringValue();
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asString();
        }
        throw conversion(field, "expected a string");
    }

    /** A whole number within {@code [min, max]}: a JSON integer or a string of digits. */
    public static long integer(JsonNode n, String field, long min, long max) {
        BigInteger v;
        if (n.isIntegralNumber()) {
            v = n.bigIntegerValue();
        } else if (n.isNumber()) {
            BigDecimal d = n.decimalValue();
            try {
                v = d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw conversion(field, "expected a whole number");
            }
        } else if (n.isString()) {
            v = parseInteger(n.stringValue(), field);
        } else {
            throw conversion(field, "expected a number");
        }
        return inRange(v, field, min, max);
    }

    /** A whole number from text within {@code [min, max]}. */
    public static long integer(String raw, String field, long min, long max) {
        return inRange(parseInteger(raw, field), field, min, max);
    }

    private static BigInteger parseInteger(String raw, String field) {
        String s = raw.trim();
        if (s.isEmpty() || s.length() > 40) {
            throw conversion(field, "expected a number");
        }
        try {
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            throw conversion(field, "expected a number");
        }
    }

    private static long inRange(BigInteger v, String field, long min, long max) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw conversion(field, "out of range (" + min + " to " + max + ")");
        }
        return v.longValue();
    }

    /** Go's {@code strconv.ParseBool} and JSON's booleans; as a number only 0 or 1. */
    public static boolean bool(JsonNode n, String field) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isString()) {
            return bool(n.stringValue(), field);
        }
        if (n.isIntegralNumber() && n.canConvertToInt() && (n.intValue() == 0 || n.intValue() == 1)) {
            return n.intValue() == 1;
        }
        throw conversion(field, "expected a boolean");
    }

    public static boolean bool(String raw, String field) {
        return switch (raw.trim()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw conversion(field, "expected a boolean");
        };
    }

    /**
     * Seconds within {@code [min, max]}: a number of seconds, or a Go duration such as {@code "1h30m"}.
     * A negative value is taken only by a field whose range allows it (e.g. Vault's {@code -1} for "none").
     */
    public static long duration(JsonNode n, String field, long min, long max) {
        long v;
        if (n.isNumber()) {
            java.math.BigDecimal d = n.decimalValue();
            v = min < 0 && d.signum() < 0 ? -Durations.seconds(d.negate(), field) : Durations.seconds(d, field);
        } else if (n.isString()) {
            String s = n.stringValue().trim();
            v = min < 0 && s.startsWith("-") ? -Durations.seconds(s.substring(1), field) : Durations.seconds(n.stringValue(), field);
        } else {
            throw conversion(field, "expected a duration");
        }
        if (v < min || v > max) {
            throw conversion(field, "out of range");
        }
        return v;
    }

    /** A list of strings: an array of scalars, or one comma-separated string (blank parts dropped). */
    public static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isNull()) {
                    out.add(string(e, field).trim());
                }
            }
        } else {
            for (String part : string(n, field).split(",")) {
                out.add(part.trim());
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static List<String> nonEmpty(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim());
    }

    /** A list of whole numbers within {@code [min, max]}: an array, one number, or a comma-separated string. */
    public static List<Integer> ints(JsonNode n, String field, long min, long max) {
        List<Integer> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                out.add((int) integer(e, field, min, Math.min(max, Integer.MAX_VALUE)));
            }
        } else if (n.isString()) {
            for (String part : n.stringValue().split(",")) {
                if (!part.isBlank()) {
                    out.add((int) integer(part, field, min, Math.min(max, Integer.MAX_VALUE)));
                }
            }
        } else {
            out.add((int) integer(n, field, min, Math.min(max, Integer.MAX_VALUE)));
        }
        return out;
    }

    /** A JSON object as it is. */
    public static ObjectNode object(JsonNode n, String field) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw conversion(field, "expected a JSON object");
    }

    /** A JSON object whose values are scalars, taken as text. */
    public static Map<String, String> pairs(JsonNode n, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        object(n, field).properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : string(e.getValue(), field)));
        return out;
    }

    /** Text within the field's length bound, if it has one. */
    public static String bounded(String s, Field f) {
        if (f.max() > 0 && s.length() > f.max()) {
            throw conversion(f.name(), "longer than " + f.max() + " characters");
        }
        return s;
    }

    /** A value of the field's type (lists, maps and numbers as their Java types). */
    public static Object value(JsonNode n, Field f) {
        return switch (f.type()) {
            case STRING -> bounded(string(n, f.name()), f);
            case LOWERCASE_STRING -> bounded(string(n, f.name()), f).toLowerCase(Locale.ROOT);
            case INT -> integer(n, f.name(), f.min(), f.max());
            case BOOL -> bool(n, f.name());
            case DURATION -> duration(n, f.name(), f.min(), f.max());
            case COMMA_STRING_SLICE -> {
                List<String> all = strings(n, f.name());
                all.forEach(s -> bounded(s, f));
                yield all;
            }
            case STRING_SLICE -> {
                List<String> all = n.isArray() ? strings(n, f.name()) : nonEmpty(string(n, f.name()));
                all.forEach(s -> bounded(s, f));
                yield all;
            }
            case COMMA_INT_SLICE -> ints(n, f.name(), f.min(), f.max());
            case MAP -> object(n, f.name());
            case KV_PAIRS -> pairs(n, f.name());
        };
    }

    /**
     * A query string as Vault reads it: URL-decoded, a name without {@code =} has the empty value, the
     * first of a repeated name wins.
     */
    public static Map<String, String> query(@Nullable String query) {
        Map<String, String> m = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return m;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                m.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                throw VaultException.badRequest("invalid query string");
            }
        }
        return m;
    }

    static VaultException conversion(String field, String why) {
        return VaultException.badRequest("error converting input for field \"" + field + "\": " + why);
    }
}
