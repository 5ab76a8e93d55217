package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed input the issue found answered with a 500: each is a 4xx with Vault's error body. */
class MalformedInputBlackBoxIntegrationTests {

    private final TestHttp http = DevPlatform.http();

    private static void vaultError(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().path("errors").isArray()).as(r.body()).isTrue();
        assertThat(r.json().path("errors")).isNotEmpty();
    }

    @Test
    void aNullBodyOnInitAndUnsealIsReadAsAnEmptyOne() {
        vaultError(http.send("PUT", "/v1/sys/init", "null"), 400);
        vaultError(http.send("PUT", "/v1/sys/unseal", "null"), 400);
    }

    @Test
    void aPolicyHoldingNulIsRefused() {
        TestHttp.Response r = http.send("PUT", "/v1/sys/policies/acl/malformed-nul",
                Map.of("policy", "path \"secret/*\" { capabilities = [\"read\"] }\u0000"), "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        vaultError(r, 400);
        assertThat(r.json().path("errors").get(0).asString()).contains("NUL");
    }

    @Test
    void aPolicyNestedVeryDeeplyIsRefused() {
        int n = 100_000;
        for (String policy : new String[] {"path \"a\" { x = " + "[".repeat(n) + "]".repeat(n) + " }",
                "path \"a\" { x = " + "{ y = ".repeat(n) + "1" + " }".repeat(n) + " }",
                "{\"path\":{\"a\":" + "{\"x\":".repeat(n) + "1" + "}".repeat(n) + "}}"}) {
            TestHttp.Response r = http.send("PUT", "/v1/sys/policies/acl/malformed-deep", Map.of("policy", policy),
                    "X-Vault-Token", DevPlatform.ROOT_TOKEN);
            vaultError(r, 400);
            assertThat(r.json().path("errors").get(0).asString()).startsWith("failed to parse policy");
        }
    }

    @Test
    void aNulCharacterAnyWhereItWouldBeStoredAsTextIsA400() {
        TestHttp.Response r = http.send("POST", "/v1/auth/token/create", Map.of("display_name", "a\u0000b", "policies", "x\u0000y"),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("errors").isArray()).isTrue();
    }
}
