package dev.arca.identity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Label selectors as Kubernetes evaluates them against a namespace's labels. */
class LabelSelectorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static boolean matches(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector, JSON).matches(labels);
    }

    @Test
    void matchLabelsAndEachOperator() {
        Map<String, String> labels = Map.of("env", "prod", "team", "blue");
        assertThat(matches("{\"matchLabels\":{\"env\":\"prod\"}}", labels)).isTrue();
        assertThat(matches("{\"matchLabels\":{\"env\":\"dev\"}}", labels)).isFalse();
        assertThat(matches("{\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"In\",\"values\":[\"red\",\"blue\"]}]}", labels)).isTrue();
        assertThat(matches("{\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"NotIn\",\"values\":[\"blue\"]}]}", labels)).isFalse();
        assertThat(matches("{\"matchExpressions\":[{\"key\":\"absent\",\"operator\":\"NotIn\",\"values\":[\"x\"]}]}", labels)).isTrue();
        assertThat(matches("{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"Exists\"}]}", labels)).isTrue();
        assertThat(matches("{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"DoesNotExist\"}]}", labels)).isFalse();
        assertThat(matches("{\"matchLabels\":{\"env\":\"prod\"},\"matchExpressions\":[{\"key\":\"team\",\"operator\":\"In\",\"values\":[\"red\"]}]}",
                labels)).as("every requirement must hold").isFalse();
        assertThat(matches("{}", labels)).as("an empty selector selects everything").isTrue();
    }

    @Test
    void whatIsNotASelectorIsA400() {
        for (String bad : new String[] {"not json", "[]", "{\"matchLabels\":[1]}", "{\"matchLabels\":{\"a\":1}}",
                "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\"}]}",
                "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}",
                "{\"matchExpressions\":[{\"operator\":\"Exists\"}]}"}) {
            assertThatThrownBy(() -> LabelSelector.parse(bad, JSON)).as(bad).isInstanceOf(VaultException.class)
                    .satisfies(e -> assertThat(((VaultException) e).status()).isEqualTo(400));
        }
    }
}
