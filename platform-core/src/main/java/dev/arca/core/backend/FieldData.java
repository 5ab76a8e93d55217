package dev.arca.core.backend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's fields as its path family declares them ({@code framework.FieldData}): values from the
 * path's named segments, the body (writes) or the query (reads, lists, deletes), each read through
 * {@link Coerce} by its declared type, or the field's default when the caller did not send it.
 * Values are converted once, on first use or in {@link #validate()}.
 */
public final class FieldData {

    private final Map<String, Field> schema;
    private final ObjectNode raw;
    private final Map<String, String> captures;
    private final Map<String, Object> converted = new HashMap<>();

    FieldData(Map<String, Field> schema, ObjectNode raw, Map<String, String> captures) {
        this.schema = schema;
        this.raw = raw;
        this.captures = captures;
    }

    /**
     * Converts every declared field the caller sent, and on writes checks the required ones: a 400
     * before the handler runs.
     */
    void validate(boolean write) {
        for (Field f : schema.values()) {
            if (has(f.name())) {
                get(f.name());
            } else if (write && f.required() && f.defaultValue() == null) {
                throw Coerce.conversion(f.name(), "missing required field");
            }
        }
    }

    /** Whether the caller sent the field (a JSON null counts as not sent). */
    public boolean has(String name) {
        if (captures.containsKey(name)) {
            return true;
        }
        JsonNode n = raw.get(name);
        return n != null && !n.isNull();
    }

    /** The converted value, the field's default, or null. */
    public @Nullable Object get(String name) {
        Field f = schema.get(name);
        if (f == null) {
            throw new IllegalArgumentException("field not declared: " + name);
        }
        Object v = converted.get(name);
        if (v != null) {
            return v;
        }
        String captured = captures.get(name);
        if (captured != null) {
            v = Coerce.bounded(captured, f);
        } else if (has(name)) {
            v = Coerce.value(raw.get(name), f);
        } else {
            return f.defaultValue();
        }
        converted.put(name, v);
        return v;
    }

    public String string(String name) {
        Object v = get(name);
        return v == null ? "" : v.toString();
    }

    public @Nullable Integer integer(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).intValue();
    }

    public @Nullable Long number(String name) {
        Object v = get(name);
        return v == null ? null : ((Number) v).longValue();
    }

    public @Nullable Boolean bool(String name) {
        return (Boolean) get(name);
    }

    public boolean bool(String name, boolean fallback) {
        Boolean b = bool(name);
        return b == null ? fallback : b;
    }

    /** A duration field in seconds, or null when neither sent nor defaulted. */
    public @Nullable Long duration(String name) {
        return number(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        Object v = get(name);
        return v == null ? List.of() : (List<String>) v;
    }

    @SuppressWarnings("unchecked")
    public List<Integer> ints(String name) {
        Object v = get(name);
        return v == null ? List.of() : (List<Integer>) v;
    }

    public @Nullable ObjectNode object(String name) {
        return (ObjectNode) get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> pairs(String name) {
        Object v = get(name);
        return v == null ? Map.of() : (Map<String, String>) v;
    }

    /** Every field as the caller sent it, declared or not (the body of a write, or the query). */
    public ObjectNode raw() {
        return raw;
    }
}
