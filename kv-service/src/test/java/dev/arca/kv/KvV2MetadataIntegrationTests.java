package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KV v2 metadata/ and config, and the answer for paths outside v2's prefixes. */
class KvV2MetadataIntegrationTests extends KvIntegrationTestSupport {

    private KvMount kv;

    @BeforeEach
    void mount() {
        kv = v2Mount();
    }

    @Test
    void metadataShowsSettingsAndEveryVersion() {
        kv.write("data/m", Map.of("data", Map.of("k", "1")));
        kv.write("data/m", Map.of("data", Map.of("k", "2")));
        kv.write("delete/m", Map.of("versions", List.of(1)));

        JsonNode d = kv.ok(kv.read("metadata/m")).get("data");

        assertThat(d.propertyNames()).containsExactlyInAnyOrder("cas_required", "created_time", "current_version",
                "custom_metadata", "delete_version_after", "max_versions", "oldest_version", "updated_time", "versions");
        assertThat(d.get("current_version").asInt()).isEqualTo(2);
        assertThat(d.get("oldest_version").asInt()).isZero();
        assertThat(d.get("max_versions").asInt()).isZero();
        assertThat(d.get("delete_version_after").asString()).isEqualTo("0s");
        assertThat(d.get("custom_metadata").isNull()).isTrue();
        assertThat(d.get("versions").get("1").get("deletion_time").asString()).isNotEmpty();
        assertThat(d.get("versions").get("2").get("deletion_time").asString()).isEmpty();
        assertThat(d.get("versions").get("2").propertyNames()).containsExactly("created_time", "deletion_time", "destroyed");
    }

    @Test
    void metadataWriteSetsFieldsAndKeepsThoseLeftOut() {
        assertThat(kv.write("metadata/w", Map.of("max_versions", 5, "cas_required", true, "delete_version_after", "3h25m19s",
                "custom_metadata", Map.of("owner", "team-a"))).status()).isEqualTo(204);
        kv.write("metadata/w", Map.of("max_versions", "7"));

        JsonNode d = kv.ok(kv.read("metadata/w")).get("data");
        assertThat(d.get("max_versions").asInt()).isEqualTo(7);
        assertThat(d.get("cas_required").asBoolean()).isTrue();
        assertThat(d.get("delete_version_after").asString()).isEqualTo("3h25m19s");
        assertThat(d.get("custom_metadata").get("owner").asString()).isEqualTo("team-a");
        assertThat(d.get("current_version").asInt()).isZero();
        assertThat(kv.read("data/w").status()).isEqualTo(404);
    }

    @Test
    void customMetadataShowsOnDataReadsAndMergesOnPatch() {
        kv.write("metadata/c", Map.of("custom_metadata", Map.of("a", "1", "b", "2")));
        kv.write("data/c", Map.of("data", Map.of("k", "v")));
        Map<String, Object> patch = new HashMap<>();
        patch.put("a", null);
        patch.put("c", "3");

        assertThat(kv.patch("metadata/c", Map.of("custom_metadata", patch, "max_versions", 4)).status()).isEqualTo(204);

        JsonNode custom = kv.ok(kv.read("data/c")).get("data").get("metadata").get("custom_metadata");
        assertThat(custom.propertyNames()).containsExactlyInAnyOrder("b", "c");
        assertThat(kv.ok(kv.read("metadata/c")).get("data").get("max_versions").asInt()).isEqualTo(4);
        assertThat(kv.patch("metadata/absent", Map.of("max_versions", 1)).status()).isEqualTo(404);
    }

    @Test
    void customMetadataValuesMustBeStrings() {
        TestHttp.Response r = kv.write("metadata/bad", Map.of("custom_metadata", Map.of("n", 1)));

        assertThat(r.status()).isEqualTo(400);
        assertThat(kv.read("metadata/bad").status()).isEqualTo(404);
    }

    @Test
    void metadataDeleteRemovesEveryVersion() {
        kv.write("data/x", Map.of("data", Map.of("k", "1")));
        kv.write("data/x", Map.of("data", Map.of("k", "2")));

        assertThat(kv.delete("metadata/x").status()).isEqualTo(204);

        assertThat(kv.read("data/x?version=1").status()).isEqualTo(404);
        assertThat(kv.read("metadata/x").status()).isEqualTo(404);
        assertThat(kv.write("data/x", Map.of("data", Map.of("k", "3"))).json().get("data").get("version").asInt()).isEqualTo(1);
    }

    @Test
    void listShowsKeysWhoseVersionsAreAllDeleted() {
        kv.write("data/dir/a", Map.of("data", Map.of("k", "v")));
        kv.delete("data/dir/a");

        assertThat(kv.ok(kv.list("metadata/dir/")).get("data").get("keys").toString()).isEqualTo("[\"a\"]");
        assertThat(kv.ok(kv.list("metadata")).get("data").get("keys").toString()).isEqualTo("[\"dir/\"]");
    }

    @Test
    void configDefaultsAndUpdates() {
        JsonNode d = kv.ok(kv.read("config")).get("data");
        assertThat(d.get("max_versions").asInt()).isZero();
        assertThat(d.get("cas_required").asBoolean()).isFalse();
        assertThat(d.get("delete_version_after").asString()).isEqualTo("0s");

        assertThat(kv.write("config", Map.of("max_versions", 5, "delete_version_after", "3h25m19s")).status()).isEqualTo(204);
        kv.write("config", Map.of("cas_required", true));

        JsonNode after = kv.ok(kv.read("config")).get("data");
        assertThat(after.get("max_versions").asInt()).isEqualTo(5);
        assertThat(after.get("cas_required").asBoolean()).isTrue();
        assertThat(after.get("delete_version_after").asString()).isEqualTo("3h25m19s");
    }

    @Test
    void mountDeleteVersionAfterAppliesToNewVersions() {
        kv.write("config", Map.of("delete_version_after", "1h"));

        JsonNode w = kv.ok(kv.write("data/t", Map.of("data", Map.of("k", "v")))).get("data");

        assertThat(w.get("deletion_time").asString()).isNotEmpty();
        assertThat(kv.read("data/t").status()).isEqualTo(200);
    }

    @Test
    void barePathOnAV2MountIs404WithVaultsHint() {
        TestHttp.Response r = kv.read("foo");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("warnings").get(0).asString())
                .startsWith("Invalid path for a versioned K/V secrets engine").endsWith("use 'vault kv get' for this operation.");
        assertThat(kv.write("foo", Map.of("k", "v")).status()).isEqualTo(404);
    }
}
