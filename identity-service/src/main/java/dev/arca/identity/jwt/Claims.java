package dev.arca.identity.jwt;

import dev.arca.identity.login.Glob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a login reads from a verified token's claims, as Vault reads them: a claim by name, or by JSON
 * pointer when it starts with {@code /}; bound claims (a list is any of; globs when the role says
 * so); claim mappings to alias metadata; the user claim; the groups claim.
 */
final class Claims {

    private Claims() {
    }

    /** Thrown when the claims do not meet the role: the login fails with one answer whatever the reason. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A claim by name, or by JSON pointer when the key starts with {@code /}. */
    static Optional<JsonNode> claim(JsonNode claims, String key) {
        JsonNode v = key.startsWith("/") ? claims.at(key) : claims.get(key);
        return v == null || v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** Every bound claim is present and one of its values matches one of the claim's. */
    static void checkBound(JsonNode claims, Map<String, Object> bound, boolean globs) throws Refused {
        for (Map.Entry<String, Object> e : bound.entrySet()) {
            JsonNode actual = claim(claims, e.getKey()).orElseThrow(() -> new Refused("claim \"" + e.getKey() + "\" is missing"));
            List<JsonNode> actuals = actual.isArray() ? actual.valueStream().toList() : List.of(actual);
            List<?> expected = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            if (!anyMatch(expected, actuals, globs)) {
                throw new Refused("claim \"" + e.getKey() + "\" does not match any associated bound claim values");
            }
        }
    }

    private static boolean anyMatch(List<?> expected, List<JsonNode> actuals, boolean globs) {
        for (Object want : expected) {
            for (JsonNode have : actuals) {
                if (!have.isValueNode()) {
                    continue;
                }
                if (globs ? have.isString() && Glob.matches(want.toString(), have.asString()) : scalarEquals(want, have)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean scalarEquals(Object want, JsonNode have) {
        return switch (want) {
            case String s -> have.isString() && s.equals(have.asString());
            case Boolean b -> have.isBoolean() && b == have.asBoolean();
            case Number n -> have.isNumber() && have.decimalValue().compareTo(new java.math.BigDecimal(n.toString())) == 0;
            default -> false;
        };
    }

    /** The alias metadata the role's claim mappings give: each present claim, as text; a claim that is not a scalar refuses. */
    static Map<String, String> mapped(JsonNode claims, Map<String, String> mappings) throws Refused {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : mappings.entrySet()) {
            Optional<JsonNode> v = claim(claims, m.getKey());
            if (v.isPresent()) {
                out.put(m.getValue(), scalar(v.get(), m.getKey()));
            }
        }
        return out;
    }

    /** The alias name: the user claim (top-level, or a JSON pointer when the role says so), as text. */
    static String user(JsonNode claims, String userClaim, boolean jsonPointer) throws Refused {
        JsonNode v = jsonPointer ? claims.at(userClaim) : claims.get(userClaim);
        if (v == null || v.isMissingNode() || v.isNull()) {
            throw new Refused("claim \"" + userClaim + "\" not found in token");
        }
        String name = scalar(v, userClaim);
        if (name.isEmpty()) {
            throw new Refused("claim \"" + userClaim + "\" is empty");
        }
        return name;
    }

    /** The groups claim: a list of strings, or one string as a list of one. */
    static List<String> groups(JsonNode claims, String groupsClaim) throws Refused {
        JsonNode v = claim(claims, groupsClaim).orElseThrow(() -> new Refused("\"" + groupsClaim + "\" claim not found in token"));
        List<String> out = new ArrayList<>();
        for (JsonNode g : v.isArray() ? v.valueStream().toList() : List.of(v)) {
            if (!g.isString()) {
                throw new Refused("\"" + groupsClaim + "\" claim could not be converted to string list");
            }
            out.add(g.asString());
        }
        return out;
    }

    private static String scalar(JsonNode v, String key) throws Refused {
        if (!v.isValueNode()) {
            throw new Refused("error converting claim \"" + key + "\" to string");
        }
        return v.asString();
    }
}
