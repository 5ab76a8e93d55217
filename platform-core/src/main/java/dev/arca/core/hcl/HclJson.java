package dev.arca.core.hcl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HCL's JSON form, as Vault accepts it for policies (Spring Vault and Terraform send
 * {@code {"path": {"secret/*": {"capabilities": ["read"]}}}}). Keys named as block types become one
 * labelled block per entry; everything else becomes attributes, objects becoming nested bodies. The
 * result is checked by the same rules as HCL text. Faults name line 1, since the whole document is
 * one value.
 */
public final class HclJson {

    /** Nesting is bounded as in {@link Hcl}: the parse and the tree walk below stay within the stack. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Hcl.MAX_DEPTH).build()).build()).build();

    private HclJson() {
    }

    /** Whether a document is in the JSON form rather than HCL text. */
    public static boolean isJson(String source) {
        return source.stripLeading().startsWith("{");
    }

    public static HclBody parse(String source, Set<String> blockTypes) {
        JsonNode root;
        try {
            root = JSON.readTree(source);
        } catch (JacksonException e) {
            throw new HclException(1, 0, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new HclException(1, 0, "a JSON document must be an object");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        List<HclBlock> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (blockTypes.contains(e.getKey())) {
                if (!e.getValue().isObject()) {
                    throw new HclException(1, 0, "\"" + e.getKey() + "\" must be an object keyed by its label");
                }
                for (Map.Entry<String, JsonNode> labelled : e.getValue().properties()) {
                    if (!labelled.getValue().isObject()) {
                        throw new HclException(1, 0, e.getKey() + " \"" + labelled.getKey() + "\" must be an object");
                    }
                    blocks.add(new HclBlock(e.getKey(), List.of(labelled.getKey()), body(labelled.getValue()), 1));
                }
            } else {
                attrs.put(e.getKey(), value(e.getValue()));
            }
        }
        return new HclBody(attrs, Map.of(), blocks, 1);
    }

    private static HclBody body(JsonNode object) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        object.properties().forEach(e -> attrs.put(e.getKey(), value(e.getValue())));
        return new HclBody(attrs, Map.of(), List.of(), 1);
    }

    private static Object value(JsonNode n) {
        if (n.isObject()) {
            return body(n);
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(item -> out.add(value(item)));
            return out;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isString()) {
            return n.stringValue();
        }
        throw new HclException(1, 0, "null is not a value");
    }
}
