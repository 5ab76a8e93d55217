package dev.arca.core.backend;

import dev.arca.core.backend.Descriptors.FieldInfo;
import dev.arca.core.backend.Descriptors.PathInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Help text and OpenAPI 3 documents generated from path families: {@code ?help=1} on any path and
 * {@code sys/internal/specs/openapi} read the same definitions the dispatcher serves.
 */
public final class OpenApi {

    /** A family as mounted: the mount path (e.g. {@code secret/}) and its description. */
    public record Mounted(String mountPath, PathInfo path) {
    }

    private OpenApi() {
    }

    /** Vault's help text of one family. */
    public static String help(PathInfo p) {
        StringBuilder b = new StringBuilder("## DESCRIPTION\n\n").append(p.synopsis());
        if (!p.description().isBlank()) {
            b.append("\n\n").append(p.description().strip());
        }
        b.append("\n\n## PARAMETERS\n");
        for (FieldInfo f : p.fields()) {
            b.append("\n    ").append(f.name()).append(" (").append(f.type()).append(")\n        ").append(f.description()).append('\n');
        }
        return b.toString();
    }

    /** An OpenAPI 3.0 document for the given families. */
    public static Map<String, Object> document(List<Mounted> mounted, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.2");
        doc.put("info", Map.of("title", "Arca API", "description", "HTTP API that gives you full access to Arca.",
                "version", version, "license", Map.of("name", "Mozilla Public License 2.0", "url", "https://www.mozilla.org/en-US/MPL/2.0")));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Mounted m : mounted) {
            paths.put("/" + m.mountPath() + m.path().template(), pathItem(m.path()));
        }
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of()));
        return doc;
    }

    private static Map<String, Object> pathItem(PathInfo p) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("description", p.synopsis());
        List<Object> pathParams = new ArrayList<>();
        for (FieldInfo f : p.fields()) {
            if (f.inPath()) {
                pathParams.add(Map.of("name", f.name(), "description", f.description(), "in", "path", "required", true,
                        "schema", Map.of("type", "string")));
            }
        }
        if (!pathParams.isEmpty()) {
            item.put("parameters", pathParams);
        }
        p.operations().forEach((op, summary) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("summary", summary);
            o.put("operationId", (op + "-" + p.template()).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", ""));
            switch (op) {
                case "read" -> item.put("get", with(o, 200));
                case "list" -> {
                    o.put("parameters", List.of(Map.of("name", "list", "in", "query", "required", true, "description",
                            "Must be set to `true`", "schema", Map.of("type", "string", "enum", List.of("true")))));
                    item.put(item.containsKey("get") ? "x-vault-list" : "get", with(o, 200));
                }
                case "delete" -> item.put("delete", with(o, 204));
                case "header" -> item.put("head", with(o, 200));
                case "patch" -> {
                    o.put("requestBody", body(p, "application/merge-patch+json"));
                    item.put("patch", with(o, 200));
                }
                default -> {
                    o.put("requestBody", body(p, "application/json"));
                    item.putIfAbsent("post", with(o, 200));
                }
            }
        });
        return item;
    }

    private static Map<String, Object> with(Map<String, Object> op, int status) {
        op.put("responses", Map.of(String.valueOf(status), Map.of("description", status == 204 ? "empty body" : "OK")));
        return op;
    }

    private static Map<String, Object> body(PathInfo p, String mediaType) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (FieldInfo f : p.fields()) {
            if (!f.inPath()) {
                Map<String, Object> schema = new LinkedHashMap<>();
                FieldType t = FieldType.valueOf(f.type().toUpperCase(java.util.Locale.ROOT));
                schema.put("type", t.openApiType());
                if (t.openApiFormat() != null) {
                    schema.put("format", t.openApiFormat());
                }
                if (t.openApiType().equals("array")) {
                    schema.put("items", Map.of("type", t == FieldType.COMMA_INT_SLICE ? "integer" : "string"));
                }
                schema.put("description", f.description());
                if (f.defaultValue() != null) {
                    schema.put("default", f.defaultValue());
                }
                props.put(f.name(), schema);
            }
        }
        return Map.of("required", true, "content", Map.of(mediaType, Map.of("schema", Map.of("type", "object", "properties", props))));
    }
}
