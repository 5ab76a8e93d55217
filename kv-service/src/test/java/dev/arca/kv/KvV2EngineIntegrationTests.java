package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The KV contract on a version 2 mount, through data/ and metadata/. */
class KvV2EngineIntegrationTests extends KvEngineContract {

    @Override
    protected KvMount newMount() {
        return v2Mount();
    }

    @Override
    protected TestHttp.Response put(KvMount m, String key, Map<String, Object> secret) {
        TestHttp.Response r = m.write("data/" + key, Map.of("data", secret));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Override
    protected TestHttp.Response get(KvMount m, String key) {
        return m.read("data/" + key);
    }

    @Override
    protected JsonNode secretOf(TestHttp.Response read) {
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json().get("data").get("data");
    }

    /** Deleting metadata removes the key entirely, which is what "deleted" means for the contract. */
    @Override
    protected TestHttp.Response remove(KvMount m, String key) {
        return m.delete("metadata/" + key);
    }

    @Override
    protected TestHttp.Response listing(KvMount m, String folder) {
        return m.list("metadata/" + folder);
    }
}
