package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed requests get Vault's 400 with an error list, and change nothing. */
class KvBadInputIntegrationTests extends KvIntegrationTestSupport {

    private static void isBadRequest(TestHttp.Response r, String error) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).asString()).contains(error);
    }

    @Test
    void invalidJsonIsRejected() {
        KvMount kv = v2Mount();
        isBadRequest(kv.send("POST", "data/a", "{not json"), "failed to parse JSON input");
        isBadRequest(kv.send("POST", "data/a", "[1,2]"), "failed to parse JSON input");
        isBadRequest(v1Mount().send("POST", "a", "{\"k\":"), "failed to parse JSON input");
        assertThat(kv.read("metadata/a").status()).isEqualTo(404);
    }

    @Test
    void v2WriteNeedsData() {
        KvMount kv = v2Mount();
        isBadRequest(kv.write("data/a", Map.of("k", "v")), "no data provided");
        isBadRequest(kv.write("data/a", Map.of("data", "text")), "data");
    }

    @Test
    void wrongTypesAreRejected() {
        KvMount kv = v2Mount();
        isBadRequest(kv.write("data/a", Map.of("data", Map.of("k", "v"), "options", Map.of("cas", "one"))), "cas");
        isBadRequest(kv.write("config", Map.of("max_versions", "lots")), "max_versions");
        isBadRequest(kv.write("config", Map.of("cas_required", "maybe")), "cas_required");
        isBadRequest(kv.write("config", Map.of("delete_version_after", "soon")), "delete_version_after");
        isBadRequest(kv.write("metadata/a", Map.of("max_versions", -1)), "max_versions");
        assertThat(kv.ok(kv.read("config")).get("data").get("max_versions").asInt()).isZero();
    }

    @Test
    void invalidVersionsAreRejected() {
        KvMount kv = v2Mount();
        kv.write("data/a", Map.of("data", Map.of("k", "v")));
        isBadRequest(kv.read("data/a?version=-1"), "version");
        isBadRequest(kv.read("data/a?version=abc"), "version");
        isBadRequest(kv.write("delete/a", Map.of("versions", List.of(-2))), "version");
        isBadRequest(kv.write("destroy/a", Map.of("versions", List.of("x"))), "version");
        isBadRequest(kv.read("subkeys/a?depth=-1"), "depth");
    }

    @Test
    void aSecretNeedsAName() {
        isBadRequest(v2Mount().write("data/", Map.of("data", Map.of("k", "v"))), "missing path");
    }

    @Test
    void unsupportedOperationsAre405() {
        KvMount kv = v2Mount();
        assertThat(kv.delete("config").status()).isEqualTo(405);
        assertThat(kv.read("delete/a").status()).isEqualTo(405);
    }

    @Test
    void noStoredDeleteVersionAfterCanBreakWrites() {
        KvMount kv = v2Mount();
        isBadRequest(kv.write("config", Map.of("delete_version_after", "9999999999999999h")), "delete_version_after");
        assertThat(kv.write("data/huge", Map.of("data", Map.of("k", "v1"))).status()).isEqualTo(200);
        // as a setting stored before durations were range-checked could be
        jdbc.sql("UPDATE mount_config SET delete_version_after_seconds = ? WHERE mount_accessor = ?")
                .params(Long.MAX_VALUE, kv.accessor()).update();
        jdbc.sql("UPDATE secret_metadata SET delete_version_after_seconds = ? WHERE path = 'huge'")
                .param(Long.MAX_VALUE).update();
        TestHttp.Response w = kv.write("data/huge", Map.of("data", Map.of("k", "v2")));
        assertThat(w.status()).as(w.body()).isEqualTo(200);
        TestHttp.Response r = kv.read("data/huge");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("data").path("data").path("k").asString()).isEqualTo("v2");
        assertThat(r.json().path("data").path("metadata").path("deletion_time").asString()).isNotEmpty();
    }
}
