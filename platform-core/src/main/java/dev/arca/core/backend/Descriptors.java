package dev.arca.core.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's wire format: what a service publishes about its backends and the gateway reads
 * ({@code GET /internal/catalog}). Everything the gateway needs to route, authorise and document a
 * path comes from here.
 */
public final class Descriptors {

    private Descriptors() {
    }

    /** A service's catalog. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Catalog(@JsonProperty("service") String service, @JsonProperty("backends") List<BackendInfo> backends) {
    }

    /** One backend. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BackendInfo(
            @JsonProperty("type") String type,
            @JsonProperty("kind") String kind,
            @JsonProperty("service") String service,
            @JsonProperty("description") String description,
            @JsonProperty("aliases") List<Backend.Alias> aliases,
            @JsonProperty("builtin_mount") @Nullable String builtinMount,
            @JsonProperty("system_prefixes") List<String> systemPrefixes,
            @JsonProperty("unauthenticated") List<String> unauthenticated,
            @JsonProperty("sudo") List<String> sudo,
            @JsonProperty("receives_client_token") boolean receivesClientToken,
            @JsonProperty("paths") List<PathInfo> paths) {

        public boolean isSystem() {
            return Backend.Kind.SYSTEM.wire().equals(kind);
        }
    }

    /** One path family. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PathInfo(
            @JsonProperty("pattern") String pattern,
            @JsonProperty("when") Map<String, String> when,
            @JsonProperty("existence_check") boolean existenceCheck,
            @JsonProperty("operations") Map<String, String> operations,
            @JsonProperty("fields") List<FieldInfo> fields,
            @JsonProperty("synopsis") String synopsis,
            @JsonProperty("description") String description) {

        /** Whether the family is served on a mount with these options. */
        public boolean appliesTo(Map<String, String> mountOptions) {
            return when.entrySet().stream().allMatch(e -> e.getValue().equals(mountOptions.get(e.getKey())));
        }

        /** The pattern as an OpenAPI path template: {@code data/{path}}. */
        public String template() {
            return pattern.replaceAll("\\{([a-z0-9_]+)[+*]?}", "{$1}").replace("(?:", "").replace(")?", "").replace("/?", "");
        }

        /** The pattern as a regular expression over paths relative to the mount (compile once, match often). */
        public java.util.regex.Pattern regex() {
            return PathFamily.compile(pattern, new java.util.ArrayList<>());
        }
    }

    /** One field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldInfo(
            @JsonProperty("name") String name,
            @JsonProperty("type") String type,
            @JsonProperty("description") String description,
            @JsonProperty("default") @Nullable Object defaultValue,
            @JsonProperty("required") boolean required,
            @JsonProperty("in_path") boolean inPath) {
    }

    static BackendInfo describe(Backend b, String service) {
        return new BackendInfo(b.type(), b.kind().wire(), service, b.description(), b.aliases(), b.builtinMount(),
                b.systemPrefixes(), b.unauthenticated(), b.sudo(), b.receivesClientToken(),
                b.families().stream().map(Descriptors::describe).toList());
    }

    static PathInfo describe(PathFamily f) {
        Map<String, String> ops = new LinkedHashMap<>();
        f.operations().forEach((op, o) -> ops.put(op.wire(), o.summary()));
        List<FieldInfo> fields = f.fields().values().stream()
                .map(x -> new FieldInfo(x.name(), x.type().name().toLowerCase(java.util.Locale.ROOT), x.description(),
                        x.defaultValue(), x.required(), x.fromPath()))
                .toList();
        return new PathInfo(f.pattern(), f.when(), f.existenceCheck() != null, ops, fields, f.synopsis(), f.description());
    }
}
