package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The KV contract on a version 1 mount, plus what only v1 does. */
class KvV1EngineIntegrationTests extends KvEngineContract {

    @Override
    protected KvMount newMount() {
        return v1Mount();
    }

    @Override
    protected TestHttp.Response put(KvMount m, String key, Map<String, Object> secret) {
        TestHttp.Response r = m.write(key, secret);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return r;
    }

    @Override
    protected TestHttp.Response get(KvMount m, String key) {
        return m.read(key);
    }

    @Override
    protected JsonNode secretOf(TestHttp.Response read) {
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().get("data");
    }

    @Override
    protected TestHttp.Response remove(KvMount m, String key) {
        return m.delete(key);
    }

    @Override
    protected TestHttp.Response listing(KvMount m, String folder) {
        return m.list(folder);
    }

    @Test
    void putIsTheSameAsPostAndEmptyWritesAreRejected() {
        assertThat(mount.send("PUT", "p", Map.of("k", "v")).status()).isEqualTo(204);
        assertThat(mount.read("p").json().get("data").get("k").asString()).isEqualTo("v");

        TestHttp.Response empty = mount.send("POST", "p", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).asString()).isEqualTo("missing data fields");
    }

    @Test
    void ttlInTheSecretBecomesTheLeaseDuration() {
        mount.write("t", Map.of("k", "v", "ttl", "1h"));

        assertThat(mount.read("t").json().get("lease_duration").asLong()).isEqualTo(3600);
    }

    @Test
    void v2PathsAreOrdinaryKeysOnAV1Mount() {
        mount.write("data/x", Map.of("k", "v"));

        assertThat(mount.read("data/x").json().get("data").get("k").asString()).isEqualTo("v");
    }
}
