package dev.arca.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import org.junit.jupiter.api.Test;

/** platform-core's service trust, seen from a real service: only gateway-signed calls get in. */
class ServiceTrustIntegrationTests extends KvIntegrationTestSupport {

    @Test
    void rejectsCallsWithoutAValidContextAndUnsealsThroughTheKeyringEndpoint() {
        TestHttp http = new TestHttp("http://127.0.0.1:" + port);
        assertThat(http.send("GET", "/internal/keyring", null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/internal/keyring", null, "Authorization", "Bearer not-a-jwt").status()).isEqualTo(401);
        String forOther = TestGateway.bearer(TestGateway.root("read", "sys/x"), "identity");
        assertThat(http.send("GET", "/internal/keyring", null, "Authorization", forOther).status()).isEqualTo(401);

        String auth = TestGateway.bearer(TestGateway.root("read", "sys/x"), "kv");
        barrier.seal();
        assertThat(http.send("GET", "/v1/secret/data/x", null, "Authorization", auth).status()).isEqualTo(503);
        TestHttp.Response put = http.send("PUT", "/internal/keyring", TestGateway.KEYRING.toMap(), "Authorization", auth);
        assertThat(put.status()).isEqualTo(204);
        assertThat(barrier.isSealed()).isFalse();
        assertThat(http.send("GET", "/internal/keyring", null, "Authorization", auth).json().get("term").asInt()).isEqualTo(1);
    }
}
