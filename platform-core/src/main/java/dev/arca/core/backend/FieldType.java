package dev.arca.core.backend;

/**
 * The types of request fields, with Vault's leniency ({@code framework.FieldType}): what each accepts
 * is decided once, in {@link Coerce}.
 */
public enum FieldType {
    /** Text; numbers and booleans are taken as their text. */
    STRING("string", null),
    /** Text, lower-cased. */
    LOWERCASE_STRING("string", null),
    /** A whole number in the field's range: {@code 30} or {@code "30"}. */
    INT("integer", null),
    /** {@code true}, {@code "true"}, {@code 1}, {@code "t"}, ... */
    BOOL("boolean", null),
    /** Seconds: {@code 30}, {@code "30"} or a Go duration such as {@code "1h30m"}. */
    DURATION("integer", "seconds"),
    /** A list of strings: a JSON array, or one comma-separated string. */
    COMMA_STRING_SLICE("array", null),
    /** A list of strings: a JSON array, or one string as a list of one (never split: statements hold commas). */
    STRING_SLICE("array", null),
    /** A list of non-negative integers: a JSON array, one number, or one comma-separated string. */
    COMMA_INT_SLICE("array", null),
    /** A JSON object, taken as it is. */
    MAP("object", null),
    /** A JSON object whose values are taken as text. */
    KV_PAIRS("object", null);

    private final String openApiType;
    private final String format;

    FieldType(String openApiType, String format) {
        this.openApiType = openApiType;
        this.format = format;
    }

    /** The JSON schema type of the field in OpenAPI. */
    public String openApiType() {
        return openApiType;
    }

    /** The OpenAPI format, or null. */
    public String openApiFormat() {
        return format;
    }
}
