package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every KV engine version must do, seen through its own API shape: write, read, overwrite,
 * delete, list, and keep mounts apart by accessor. Run once per version by the subclasses.
 */
abstract class KvEngineContract extends KvIntegrationTestSupport {

    protected KvMount mount;

    protected abstract KvMount newMount();

    protected abstract TestHttp.Response put(KvMount m, String key, Map<String, Object> secret);

    protected abstract TestHttp.Response get(KvMount m, String key);

    /** The secret in a successful read. */
    protected abstract JsonNode secretOf(TestHttp.Response read);

    protected abstract TestHttp.Response remove(KvMount m, String key);

    protected abstract TestHttp.Response listing(KvMount m, String folder);

    @BeforeEach
    void freshMount() {
        mount = newMount();
    }

    @Test
    void writesAndReadsASecret() {
        assertThat(put(mount, "app/db", Map.of("user", "alice", "port", 5432)).status()).isIn(200, 204);

        TestHttp.Response read = get(mount, "app/db");

        assertThat(read.status()).isEqualTo(200);
        assertThat(secretOf(read).get("user").asString()).isEqualTo("alice");
        assertThat(secretOf(read).get("port").asInt()).isEqualTo(5432);
        assertThat(read.json().get("mount_type").asString()).isEqualTo("kv");
        assertThat(read.json().get("request_id").asString()).isNotBlank();
    }

    @Test
    void overwriteReplacesTheWholeSecret() {
        put(mount, "app", Map.of("a", "1", "b", "2"));
        put(mount, "app", Map.of("c", "3"));

        JsonNode secret = secretOf(get(mount, "app"));

        assertThat(secret.propertyNames()).containsExactly("c");
    }

    @Test
    void readOfAMissingSecretIs404WithEmptyErrors() {
        TestHttp.Response read = get(mount, "nothing/here");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.body()).isEqualTo("{\"errors\":[]}");
    }

    @Test
    void deletedSecretNoLongerReads() {
        put(mount, "gone", Map.of("k", "v"));

        assertThat(remove(mount, "gone").status()).isEqualTo(204);

        assertThat(get(mount, "gone").status()).isEqualTo(404);
    }

    @Test
    void listsKeysAndFoldersOneLevelDeep() {
        put(mount, "foo", Map.of("k", "v"));
        put(mount, "foo/bar", Map.of("k", "v"));
        put(mount, "foo/baz/qux", Map.of("k", "v"));
        put(mount, "zed", Map.of("k", "v"));

        assertThat(keys(listing(mount, ""))).isEqualTo("[\"foo\",\"foo/\",\"zed\"]");
        assertThat(keys(listing(mount, "foo/"))).isEqualTo("[\"bar\",\"baz/\"]");
        assertThat(keys(listing(mount, "foo"))).isEqualTo("[\"bar\",\"baz/\"]");
    }

    @Test
    void listOfAnEmptyFolderIs404WithEmptyErrors() {
        TestHttp.Response list = listing(mount, "empty/");

        assertThat(list.status()).isEqualTo(404);
        assertThat(list.body()).isEqualTo("{\"errors\":[]}");
    }

    @Test
    void likePatternCharactersInAFolderAreLiteral() {
        put(mount, "a_b/x", Map.of("k", "v"));
        put(mount, "aXb/y", Map.of("k", "v"));

        assertThat(keys(listing(mount, "a_b/"))).isEqualTo("[\"x\"]");
    }

    @Test
    void mountsAreKeyedByAccessorNotByPath() {
        put(mount, "shared", Map.of("k", "mine"));
        KvMount other = newMount();
        KvMount remounted = mount.at("moved/" + mount.accessor() + "/");

        assertThat(get(other, "shared").status()).isEqualTo(404);
        assertThat(secretOf(get(remounted, "shared")).get("k").asString()).isEqualTo("mine");
    }

    @Test
    void disablingTheMountRemovesItsData() {
        put(mount, "a", Map.of("k", "v"));
        String auth = TestHttpAuth.internal();

        Map<String, Object> event = Map.of("event", "disable", "mount", Map.of("path", mount.path(), "type", "kv",
                "accessor", mount.accessor(), "options", mount.options()));
        assertThat(http().send("POST", "/internal/backends/mounts", event, "Authorization", auth).status())
                .isEqualTo(200);

        assertThat(get(mount, "a").status()).isEqualTo(404);
        assertThat(listing(mount, "").status()).isEqualTo(404);
    }

    private static String keys(TestHttp.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().get("data").get("keys").toString();
    }

}
