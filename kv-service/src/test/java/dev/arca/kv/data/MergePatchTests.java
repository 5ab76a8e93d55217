package dev.arca.kv.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7386 appendix A examples that apply to objects. */
class MergePatchTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode obj(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private static JsonNode patch(String target, String patch) {
        return MergePatch.apply(obj(target), obj(patch));
    }

    @Test
    void followsTheRfcExamples() {
        assertThat(patch("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo(obj("{\"a\":\"c\"}"));
        assertThat(patch("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo(obj("{\"a\":\"b\",\"b\":\"c\"}"));
        assertThat(patch("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}")).isEqualTo(obj("{\"b\":\"c\"}"));
        assertThat(patch("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo(obj("{\"a\":\"c\"}"));
        assertThat(patch("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}")).isEqualTo(obj("{\"a\":{\"b\":\"d\"}}"));
        assertThat(patch("{\"e\":null}", "{\"a\":1}")).isEqualTo(obj("{\"e\":null,\"a\":1}"));
        assertThat(patch("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}")).isEqualTo(obj("{\"a\":{\"bb\":{}}}"));
    }

    @Test
    void leavesTheTargetUntouched() {
        ObjectNode target = obj("{\"a\":{\"b\":1}}");

        MergePatch.apply(target, obj("{\"a\":{\"b\":2}}"));

        assertThat(target).isEqualTo(obj("{\"a\":{\"b\":1}}"));
    }
}
