package dev.arca.core.backend;

import org.jspecify.annotations.Nullable;

/**
 * One field of a path family: name, type, what it means, the default when it is not sent, and for
 * numbers the range a caller may send (outside it: 400, never a silent wrap). For text, {@code max}
 * is the most characters a value (or each entry of a list) may have, 0 meaning no bound.
 *
 * @param fromPath the value comes from a named segment of the path pattern, not from the body or query
 */
public record Field(String name, FieldType type, String description, @Nullable Object defaultValue, long min, long max,
        boolean required, boolean fromPath) {

    /** A field of the given type with no default, no range beyond the type's, not required. */
    public static Field of(String name, FieldType type, String description) {
        long[] range = defaultRange(type);
        return new Field(name, type, description, null, range[0], range[1], false, false);
    }

    public static Field string(String name, String description) {
        return of(name, FieldType.STRING, description);
    }

    /** A field filled from the named segment {@code name} of the path. */
    public static Field path(String name, String description) {
        return new Field(name, FieldType.STRING, description, null, 0, 0, true, true);
    }

    public Field withDefault(Object value) {
        return new Field(name, type, description, value, min, max, required, fromPath);
    }

    /** Narrows the range a number may take. */
    public Field range(long newMin, long newMax) {
        return new Field(name, type, description, defaultValue, newMin, newMax, required, fromPath);
    }

    /** Bounds a text field (each entry, for a list of strings) to this many characters: longer is a 400. */
    public Field maxLength(int characters) {
        return range(0, characters);
    }

    public Field asRequired() {
        return new Field(name, type, description, defaultValue, min, max, true, fromPath);
    }

    private static long[] defaultRange(FieldType type) {
        return switch (type) {
            case INT -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case COMMA_INT_SLICE -> new long[] {0, Integer.MAX_VALUE};
            case DURATION -> new long[] {0, Coerce.MAX_DURATION_SECONDS};
            default -> new long[] {0, 0};
        };
    }
}
