package dev.arca.kv.api;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Typed request fields with Vault's leniency: numbers and booleans may come as JSON strings. A value
 * of the wrong type is a 400 naming the field, never echoing the value.
 */
public final class Inputs {

    private Inputs() {
    }

    public static boolean has(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && !n.isNull();
    }

    public static @Nullable Integer integer(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isString()) {
            return parseInt(n.stringValue(), field);
        }
        throw conversion(field);
    }

    public static @Nullable Boolean bool(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isString()) {
            return switch (n.stringValue().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "1", "t" -> true;
                case "false", "0", "f", "" -> false;
                default -> throw conversion(field);
            };
        }
        if (n.isIntegralNumber()) {
            return n.intValue() != 0;
        }
        throw conversion(field);
    }

    /** A duration in seconds: a number of seconds or a Go duration string. */
    public static @Nullable Long duration(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            if (n.longValue() < 0) {
                throw VaultException.badRequest("invalid duration for " + field + ": must not be negative");
            }
            return n.longValue();
        }
        if (n.isString()) {
            return Durations.seconds(n.stringValue(), field);
        }
        throw conversion(field);
    }

    /** Vault's comma-int-slice: {@code [1,2]}, {@code ["1","2"]}, {@code "1,2"} or {@code 3}. */
    public static List<Integer> versions(ObjectNode body) {
        JsonNode n = body.get("versions");
        List<Integer> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode e : n) {
                out.add(versionOf(e));
            }
        } else if (n.isString()) {
            for (String part : n.stringValue().split(",")) {
                if (!part.isBlank()) {
                    out.add(parseVersion(part.trim()));
                }
            }
        } else {
            out.add(versionOf(n));
        }
        return out;
    }

    /** A {@code version} query parameter: absent or 0 means the latest. */
    public static int versionParam(@Nullable String raw) {
        return raw == null || raw.isBlank() ? 0 : parseVersion(raw.trim());
    }

    public static int nonNegativeParam(@Nullable String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        int v = parseInt(raw.trim(), field);
        if (v < 0) {
            throw VaultException.badRequest("invalid value for field \"" + field + "\": must not be negative");
        }
        return v;
    }

    private static int versionOf(JsonNode e) {
        if (e.isIntegralNumber() && e.canConvertToInt()) {
            return requireVersion(e.intValue());
        }
        if (e.isString()) {
            return parseVersion(e.stringValue().trim());
        }
        throw conversion("versions");
    }

    private static int parseVersion(String raw) {
        return requireVersion(parseInt(raw, "version"));
    }

    private static int requireVersion(int v) {
        if (v < 0) {
            throw VaultException.badRequest("invalid version: versions must be non-negative integers");
        }
        return v;
    }

    private static int parseInt(String raw, String field) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw conversion(field);
        }
    }

    private static VaultException conversion(String field) {
        return VaultException.badRequest("error converting input for field \"" + field + "\": wrong type or out of range");
    }
}
