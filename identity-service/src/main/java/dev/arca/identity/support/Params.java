package dev.arca.identity.support;

import dev.arca.core.api.VaultException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Vault request fields the way Vault's framework does: numbers and booleans may arrive as
 * strings, lists as comma-separated strings.
 */
public final class Params {

    private Params() {
    }

    public static Map<String, Object> body(@Nullable Map<String, Object> body) {
        return body == null ? Map.of() : body;
    }

    public static String string(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            throw VaultException.badRequest("invalid value for \"" + key + "\": expected a string");
        }
        return v.toString();
    }

    public static boolean bool(Map<String, Object> body, String key, boolean fallback) {
        Object v = body.get(key);
        if (v == null || "".equals(v)) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        return switch (v.toString().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw VaultException.badRequest("invalid value for \"" + key + "\": expected a boolean");
        };
    }

    public static long integer(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null || "".equals(v)) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw VaultException.badRequest("invalid value for \"" + key + "\": expected an integer");
        }
    }

    public static List<String> strings(Map<String, Object> body, String key) {
        Object v = body.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (o != null) {
                    out.add(o.toString());
                }
            }
        } else if (v instanceof Map) {
            throw VaultException.badRequest("invalid value for \"" + key + "\": expected a list of strings");
        } else {
            out.addAll(Arrays.asList(v.toString().split(",")));
        }
        return out.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static Map<String, String> stringMap(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw VaultException.badRequest("invalid value for \"" + key + "\": expected a map of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? "" : val.toString()));
        return out;
    }
}
