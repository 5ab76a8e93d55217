package dev.arca.kv.data;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7386) of one object onto another. */
public final class MergePatch {

    private MergePatch() {
    }

    /** Applies {@code patch} to a copy of {@code target}: null removes a member, objects merge, anything else replaces. */
    public static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                result.remove(e.getKey());
            } else if (value instanceof ObjectNode patchObject) {
                JsonNode existing = result.get(e.getKey());
                ObjectNode base = existing instanceof ObjectNode o ? o : patchObject.objectNode();
                result.set(e.getKey(), apply(base, patchObject));
            } else {
                result.set(e.getKey(), value.deepCopy());
            }
        }
        return result;
    }
}
