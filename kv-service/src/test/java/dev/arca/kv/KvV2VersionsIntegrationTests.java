package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** KV v2 versions: numbering, reads by version, check-and-set, soft delete, undelete, destroy, pruning, expiry. */
class KvV2VersionsIntegrationTests extends KvIntegrationTestSupport {

    private KvMount kv;

    @BeforeEach
    void mount() {
        kv = v2Mount();
    }

    private JsonNode write(String key, Map<String, Object> data) {
        return kv.ok(kv.write("data/" + key, Map.of("data", data))).get("data");
    }

    @Test
    void writeAnswersTheVersionMetadataAndReadsCarryIt() {
        JsonNode w = write("app", Map.of("k", "v1"));

        assertThat(w.propertyNames()).containsExactly("created_time", "custom_metadata", "deletion_time", "destroyed", "version");
        assertThat(w.get("version").asInt()).isEqualTo(1);
        assertThat(w.get("deletion_time").asString()).isEmpty();
        assertThat(w.get("destroyed").asBoolean()).isFalse();
        assertThat(w.get("custom_metadata").isNull()).isTrue();
        assertThat(w.get("created_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");

        JsonNode read = kv.ok(kv.read("data/app")).get("data");
        assertThat(read.get("metadata")).isEqualTo(w);
        assertThat(read.get("data").get("k").asString()).isEqualTo("v1");
    }

    @Test
    void versionsCountUpAndOldOnesStayReadable() {
        write("app", Map.of("k", "one"));
        write("app", Map.of("k", "two"));
        assertThat(write("app", Map.of("k", "three")).get("version").asInt()).isEqualTo(3);

        assertThat(kv.ok(kv.read("data/app?version=1")).get("data").get("data").get("k").asString()).isEqualTo("one");
        assertThat(kv.ok(kv.read("data/app?version=2")).get("data").get("metadata").get("version").asInt()).isEqualTo(2);
        assertThat(kv.ok(kv.read("data/app?version=0")).get("data").get("data").get("k").asString()).isEqualTo("three");
        assertThat(kv.read("data/app?version=9").body()).isEqualTo("{\"errors\":[]}");
    }

    @Test
    void checkAndSetMustMatchTheCurrentVersion() {
        assertThat(kv.write("data/c", Map.of("data", Map.of("k", "v"), "options", Map.of("cas", 0))).status()).isEqualTo(200);

        TestHttp.Response stale = kv.write("data/c", Map.of("data", Map.of("k", "x"), "options", Map.of("cas", 0)));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().get("errors").get(0).asString()).isEqualTo("check-and-set parameter did not match the current version");

        assertThat(kv.write("data/c", Map.of("data", Map.of("k", "x"), "options", Map.of("cas", "1"))).status()).isEqualTo(200);
        assertThat(kv.ok(kv.read("data/c")).get("data").get("metadata").get("version").asInt()).isEqualTo(2);
    }

    @Test
    void failedCheckAndSetOnANewKeyLeavesNothingBehind() {
        assertThat(kv.write("data/new", Map.of("data", Map.of("k", "v"), "options", Map.of("cas", 3))).status()).isEqualTo(400);

        assertThat(kv.read("metadata/new").status()).isEqualTo(404);
    }

    @Test
    void casRequiredOnTheMountOrTheKeyRejectsWritesWithoutCas() {
        assertThat(kv.write("config", Map.of("cas_required", true)).status()).isEqualTo(204);
        TestHttp.Response noCas = kv.write("data/k", Map.of("data", Map.of("a", "b")));
        assertThat(noCas.status()).isEqualTo(400);
        assertThat(noCas.json().get("errors").get(0).asString()).isEqualTo("check-and-set parameter required for this call");
        assertThat(kv.write("data/k", Map.of("data", Map.of("a", "b"), "options", Map.of("cas", 0))).status()).isEqualTo(200);

        kv.write("config", Map.of("cas_required", false));
        kv.write("metadata/k2", Map.of("cas_required", "true"));
        assertThat(kv.write("data/k2", Map.of("data", Map.of("a", "b"))).status()).isEqualTo(400);
        assertThat(kv.write("data/other", Map.of("data", Map.of("a", "b"))).status()).isEqualTo(200);
    }

    @Test
    void softDeletedVersionReads404WithItsMetadataAndNoErrors() {
        write("s", Map.of("k", "v"));

        assertThat(kv.delete("data/s").status()).isEqualTo(204);

        TestHttp.Response read = kv.read("data/s");
        assertThat(read.status()).isEqualTo(404);
        JsonNode body = read.json();
        assertThat(body.has("errors")).isFalse();
        assertThat(body.get("data").get("data").isNull()).isTrue();
        assertThat(body.get("data").get("metadata").get("deletion_time").asString()).isNotEmpty();
        assertThat(body.get("data").get("metadata").get("destroyed").asBoolean()).isFalse();
        assertThat(body.get("mount_type").asString()).isEqualTo("kv");
    }

    @Test
    void deleteAndUndeleteGivenVersions() {
        write("u", Map.of("k", "1"));
        write("u", Map.of("k", "2"));

        assertThat(kv.write("delete/u", Map.of("versions", List.of(1))).status()).isEqualTo(204);
        assertThat(kv.read("data/u?version=1").status()).isEqualTo(404);
        assertThat(kv.read("data/u?version=2").status()).isEqualTo(200);

        assertThat(kv.write("undelete/u", Map.of("versions", "1")).status()).isEqualTo(204);
        JsonNode back = kv.ok(kv.read("data/u?version=1")).get("data");
        assertThat(back.get("data").get("k").asString()).isEqualTo("1");
        assertThat(back.get("metadata").get("deletion_time").asString()).isEmpty();
    }

    @Test
    void destroyedVersionIsGoneForGood() {
        write("d", Map.of("k", "1"));

        assertThat(kv.send("PUT", "destroy/d", Map.of("versions", List.of(1))).status()).isEqualTo(204);
        kv.write("undelete/d", Map.of("versions", List.of(1)));

        TestHttp.Response read = kv.read("data/d");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("data").get("metadata").get("destroyed").asBoolean()).isTrue();
        assertThat(kv.ok(kv.read("metadata/d")).get("data").get("versions").get("1").get("destroyed").asBoolean()).isTrue();
        Integer stored = jdbc.sql("SELECT count(*) FROM secret_version WHERE mount_accessor = ? AND data IS NOT NULL")
                .param(kv.accessor()).query(Integer.class).single();
        assertThat(stored).isZero();
    }

    @Test
    void versionActionsNeedVersions() {
        write("n", Map.of("k", "1"));

        TestHttp.Response r = kv.write("delete/n", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).asString()).isEqualTo("no version number provided");
    }

    @Test
    void versionsBeyondMaxVersionsArePrunedOldestFirst() {
        kv.write("metadata/p", Map.of("max_versions", 2));
        for (int i = 1; i <= 4; i++) {
            write("p", Map.of("k", "v" + i));
        }

        JsonNode meta = kv.ok(kv.read("metadata/p")).get("data");
        assertThat(meta.get("versions").propertyNames()).containsExactlyInAnyOrder("3", "4");
        assertThat(meta.get("oldest_version").asInt()).isEqualTo(3);
        assertThat(meta.get("current_version").asInt()).isEqualTo(4);
        assertThat(kv.read("data/p?version=2").status()).isEqualTo(404);
    }

    @Test
    void mountMaxVersionsAppliesAndDefaultsToTen() {
        for (int i = 1; i <= 11; i++) {
            write("ten", Map.of("k", i));
        }
        assertThat(kv.ok(kv.read("metadata/ten")).get("data").get("versions").size()).isEqualTo(10);

        kv.write("config", Map.of("max_versions", "3"));
        write("three", Map.of("k", 1));
        write("three", Map.of("k", 2));
        write("three", Map.of("k", 3));
        write("three", Map.of("k", 4));
        assertThat(kv.ok(kv.read("metadata/three")).get("data").get("versions").size()).isEqualTo(3);
    }

    @Test
    void deleteVersionAfterMakesVersionsReadAsDeletedOnceDue() throws Exception {
        kv.write("metadata/e", Map.of("delete_version_after", "1s"));
        JsonNode w = write("e", Map.of("k", "v"));
        Instant due = Instant.parse(w.get("deletion_time").asString());
        assertThat(due).isAfter(Instant.parse(w.get("created_time").asString()));

        TestHttp.Response last = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            last = kv.read("data/e");
            if (last.status() == 404) {
                break;
            }
            Thread.onSpinWait();
            Thread.sleep(50);
        }
        assertThat(last).isNotNull();
        assertThat(last.status()).isEqualTo(404);
        assertThat(last.json().get("data").get("metadata").get("deletion_time").asString()).isEqualTo(w.get("deletion_time").asString());
        assertThat(Instant.now()).isAfterOrEqualTo(due);
    }

    @Test
    void concurrentWritesGetDistinctVersions() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                tasks.add(() -> write("race", Map.of("n", n)).get("version").asInt());
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                versions.add(f.get());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCheckAndSetWritesLetExactlyOneWin() throws Exception {
        write("cas", Map.of("n", 0));
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                tasks.add(() -> kv.write("data/cas", Map.of("data", Map.of("n", 1), "options", Map.of("cas", 1))).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(writers - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
