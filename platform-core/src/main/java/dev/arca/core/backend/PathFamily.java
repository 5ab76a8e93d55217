package dev.arca.core.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

/**
 * One family of paths of a backend ({@code framework.Path}): the pattern, the fields with their types,
 * defaults and descriptions, the operations it answers, an optional existence check, and help text.
 * Help, the catalog and OpenAPI are generated from it, never written twice.
 *
 * <p>Patterns are relative to the mount: literal text with named segments, {@code {name}} for one
 * segment, {@code {name+}} for one or more and {@code {name*}} for zero or more (slashes included);
 * {@code /?} makes a trailing slash optional. A named segment fills the field of that name.
 */
public final class PathFamily {

    /** Answers one operation on a path of the family. */
    @FunctionalInterface
    public interface Handler {
        ResponseEntity<?> handle(BackendRequest request);
    }

    /** Whether the target of a write exists: decides between Vault's create and update. */
    @FunctionalInterface
    public interface ExistenceCheck {
        boolean exists(BackendRequest request);
    }

    /** An operation's handler and its one-line summary. */
    public record Op(Handler handler, String summary) {
    }

    private static final Pattern SEGMENT = Pattern.compile("\\{([a-z][a-z0-9_]*)([+*]?)}");

    private final String pattern;
    private final Pattern regex;
    private final List<String> segments;
    private final Map<String, Field> fields;
    private final Map<Operation, Op> operations;
    private final @Nullable ExistenceCheck existenceCheck;
    private final Map<String, String> when;
    private final String synopsis;
    private final String description;

    private PathFamily(Builder b) {
        this.pattern = b.pattern;
        List<String> names = new ArrayList<>();
        this.regex = compile(b.pattern, names);
        this.segments = List.copyOf(names);
        Map<String, Field> f = new LinkedHashMap<>();
        for (String n : names) {
            Field declared = b.fields.get(n);
            f.put(n, declared == null ? Field.path(n, "") : Field.path(n, declared.description()).range(0, declared.max()));
        }
        b.fields.forEach((k, v) -> f.putIfAbsent(k, v));
        this.fields = Collections.unmodifiableMap(f);
        this.operations = Collections.unmodifiableMap(new EnumMap<>(b.operations));
        this.existenceCheck = b.existenceCheck;
        this.when = Map.copyOf(b.when);
        this.synopsis = b.synopsis;
        this.description = b.description;
    }

    /**
     * A family's pattern as a regular expression, one group per named segment (whose names are added
     * to {@code names}): the one reading of the pattern syntax, for the dispatcher and the gateway alike.
     */
    static Pattern compile(String pattern, List<String> names) {
        StringBuilder re = new StringBuilder("^");
        Matcher m = SEGMENT.matcher(pattern);
        int at = 0;
        while (m.find()) {
            re.append(pattern, at, m.start());
            names.add(m.group(1));
            re.append(switch (m.group(2)) {
                case "+" -> "(.+)";
                case "*" -> "(.*)";
                default -> "([^/]+)";
            });
            at = m.end();
        }
        return Pattern.compile(re.append(pattern.substring(at)).append('$').toString());
    }

    /** Starts a family for a pattern relative to the mount, e.g. {@code data/{path+}}. */
    public static Builder of(String pattern) {
        return new Builder(pattern);
    }

    /** The captured named segments when the relative path is in this family, else null. */
    @Nullable Map<String, String> match(String relativePath) {
        Matcher m = regex.matcher(relativePath);
        if (!m.matches()) {
            return null;
        }
        if (segments.isEmpty()) {
            return Map.of();
        }
        Map<String, String> captured = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String g = m.group(i + 1);
            captured.put(segments.get(i), g == null ? "" : g);
        }
        return captured;
    }

    /** Whether the family is served on a mount with these options (e.g. only KV version 2). */
    boolean appliesTo(Map<String, String> mountOptions) {
        for (Map.Entry<String, String> e : when.entrySet()) {
            if (!e.getValue().equals(mountOptions.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public String pattern() {
        return pattern;
    }

    public Map<String, Field> fields() {
        return fields;
    }

    public Map<Operation, Op> operations() {
        return operations;
    }

    public @Nullable ExistenceCheck existenceCheck() {
        return existenceCheck;
    }

    public Map<String, String> when() {
        return when;
    }

    public String synopsis() {
        return synopsis;
    }

    public String description() {
        return description;
    }

    /** The handler for an operation; a create on a family without its own create handler is its update. */
    @Nullable Op operation(Operation op) {
        Op o = operations.get(op);
        if (o == null && op == Operation.CREATE) {
            o = operations.get(Operation.UPDATE);
        }
        return o;
    }

    /** Builds a {@link PathFamily}. */
    public static final class Builder {
        private final String pattern;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private final Map<Operation, Op> operations = new EnumMap<>(Operation.class);
        private @Nullable ExistenceCheck existenceCheck;
        private final Map<String, String> when = new LinkedHashMap<>();
        private String synopsis = "";
        private String description = "";

        private Builder(String pattern) {
            this.pattern = pattern;
        }

        public Builder field(Field f) {
            fields.put(f.name(), f);
            return this;
        }

        public Builder field(String name, FieldType type, String description) {
            return field(Field.of(name, type, description));
        }

        public Builder operation(Operation op, Handler handler, String summary) {
            operations.put(op, new Op(handler, summary));
            return this;
        }

        /**
         * PUT and POST. With an existence check, the caller's create or update capability is enforced
         * against whether the target exists; the handler sees {@code create} or {@code update} only when the
         * family also declares a create handler of its own ({@link #create}).
         */
        public Builder write(Handler handler, String summary) {
            return operation(Operation.UPDATE, handler, summary);
        }

        /** A handler for writes to a target that does not exist yet (decided by the existence check). */
        public Builder create(Handler handler, String summary) {
            return operation(Operation.CREATE, handler, summary);
        }

        public Builder read(Handler handler, String summary) {
            return operation(Operation.READ, handler, summary);
        }

        public Builder list(Handler handler, String summary) {
            return operation(Operation.LIST, handler, summary);
        }

        /** Vault's header operation ({@code HEAD}); the gateway passes it on only for paths that need no token. */
        public Builder header(Handler handler, String summary) {
            return operation(Operation.HEADER, handler, summary);
        }

        public Builder delete(Handler handler, String summary) {
            return operation(Operation.DELETE, handler, summary);
        }

        public Builder patch(Handler handler, String summary) {
            return operation(Operation.PATCH, handler, summary);
        }

        public Builder existenceCheck(ExistenceCheck check) {
            this.existenceCheck = check;
            return this;
        }

        /** Serves the family only on mounts whose option {@code name} is {@code value}. */
        public Builder when(String name, String value) {
            when.put(name, value);
            return this;
        }

        public Builder help(String synopsis, String description) {
            this.synopsis = synopsis;
            this.description = description;
            return this;
        }

        public PathFamily build() {
            return new PathFamily(this);
        }
    }
}
