package dev.arca.transit.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One unit of work of an operation: the request itself, or one entry of its {@code batch_input}. Both
 * read their values through the family's declared fields, so a batch entry's numbers are range-checked
 * exactly as the request's are.
 */
public interface Item {

    @Nullable Object get(String name);

    boolean has(String name);

    default String string(String name) {
        Object v = get(name);
        return v == null ? "" : v.toString();
    }

    default int integer(String name) {
        Object v = get(name);
        return v == null ? 0 : ((Number) v).intValue();
    }

    default boolean bool(String name) {
        return Boolean.TRUE.equals(get(name));
    }

    /** A base64 field decoded, or null when not sent; {@code what} names it in Vault's error text. */
    default byte @Nullable [] base64(String name, String what) {
        String s = string(name);
        if (!has(name)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("failed to base64-decode " + what);
        }
    }

    /** The request's own fields. */
    static Item of(FieldData fields) {
        return new Item() {
            @Override
            public @Nullable Object get(String name) {
                return fields.get(name);
            }

            @Override
            public boolean has(String name) {
                return fields.has(name);
            }
        };
    }

    /** One batch entry, read with the family's field definitions; fields it lacks are not sent. */
    static Item of(JsonNode entry, Map<String, Field> schema) {
        if (!(entry instanceof ObjectNode o)) {
            throw VaultException.badRequest("batch_input entries must be objects");
        }
        return new Item() {
            @Override
            public @Nullable Object get(String name) {
                Field f = schema.get(name);
                if (f == null) {
                    throw new IllegalArgumentException("field not declared: " + name);
                }
                return has(name) ? Coerce.value(o.get(name), f) : f.defaultValue();
            }

            @Override
            public boolean has(String name) {
                JsonNode n = o.get(name);
                return n != null && !n.isNull();
            }
        };
    }
}
