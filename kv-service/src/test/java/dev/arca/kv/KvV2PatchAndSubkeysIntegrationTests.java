package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KV v2 PATCH (JSON merge patch onto the latest version) and subkeys. */
class KvV2PatchAndSubkeysIntegrationTests extends KvIntegrationTestSupport {

    private KvMount kv;

    @BeforeEach
    void mount() {
        kv = v2Mount();
    }

    private static JsonNode json(String text) {
        return TestHttp.JSON.readTree(text);
    }

    @Test
    void patchMergesOntoTheLatestVersionAsANewVersion() {
        kv.write("data/p", Map.of("data", Map.of("keep", "k", "change", "old", "drop", "x", "nested", Map.of("a", 1, "b", 2))));
        Map<String, Object> patch = new HashMap<>();
        patch.put("change", "new");
        patch.put("drop", null);
        patch.put("nested", Map.of("b", 3));
        patch.put("added", true);

        TestHttp.Response r = kv.patch("data/p", Map.of("data", patch));

        assertThat(kv.ok(r).get("data").get("version").asInt()).isEqualTo(2);
        JsonNode data = kv.ok(kv.read("data/p")).get("data").get("data");
        assertThat(data).isEqualTo(json("{\"keep\":\"k\",\"change\":\"new\",\"nested\":{\"a\":1,\"b\":3},\"added\":true}"));
    }

    @Test
    void patchNeedsMergePatchContentType() {
        kv.write("data/p", Map.of("data", Map.of("k", "v")));

        TestHttp.Response r = kv.sendAs("PATCH", "data/p", "application/json", "{\"data\":{\"k\":\"w\"}}");

        assertThat(r.status()).isEqualTo(415);
        assertThat(kv.ok(kv.read("data/p")).get("data").get("metadata").get("version").asInt()).isEqualTo(1);
    }

    @Test
    void patchOfAMissingOrDeletedSecretIs404() {
        assertThat(kv.patch("data/none", Map.of("data", Map.of("k", "v"))).status()).isEqualTo(404);

        kv.write("data/del", Map.of("data", Map.of("k", "v")));
        kv.delete("data/del");
        assertThat(kv.patch("data/del", Map.of("data", Map.of("k", "w"))).status()).isEqualTo(404);
    }

    @Test
    void patchHonoursCheckAndSet() {
        kv.write("data/c", Map.of("data", Map.of("k", "v")));

        TestHttp.Response r = kv.patch("data/c", Map.of("data", Map.of("k", "w"), "options", Map.of("cas", 5)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(kv.patch("data/c", Map.of("data", Map.of("k", "w"), "options", Map.of("cas", 1))).status()).isEqualTo(200);
    }

    @Test
    void subkeysReplaceValuesWithNullAndStopAtDepth() {
        kv.write("data/s", Map.of("data", Map.of("foo", "abc", "bar", Map.of("baz", "def", "deep", Map.of("x", 1)), "empty", Map.of())));
        kv.write("data/s", Map.of("data", Map.of("only", "v2")));

        JsonNode all = kv.ok(kv.read("subkeys/s?version=1")).get("data");
        assertThat(all.get("subkeys")).isEqualTo(json("{\"foo\":null,\"bar\":{\"baz\":null,\"deep\":{\"x\":null}},\"empty\":null}"));
        assertThat(all.get("metadata").get("version").asInt()).isEqualTo(1);

        JsonNode one = kv.ok(kv.read("subkeys/s?version=1&depth=1")).get("data");
        assertThat(one.get("subkeys")).isEqualTo(json("{\"foo\":null,\"bar\":null,\"empty\":null}"));

        assertThat(kv.ok(kv.read("subkeys/s")).get("data").get("subkeys")).isEqualTo(json("{\"only\":null}"));
        assertThat(kv.read("subkeys/missing").status()).isEqualTo(404);
    }

    @Test
    void subkeysOfADeletedVersionIs404WithMetadata() {
        kv.write("data/s", Map.of("data", Map.of("k", "v")));
        kv.delete("data/s");

        TestHttp.Response r = kv.read("subkeys/s");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("data").get("subkeys").isNull()).isTrue();
        assertThat(r.json().get("data").get("metadata").get("deletion_time").asString()).isNotEmpty();
    }
}
