package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.vault.core.VaultKeyValueOperationsSupport.KeyValueBackend;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.Versioned;

/** KV through spring-vault-core, the way an application uses Arca. */
class KvBlackBoxIntegrationTests {

    private final VaultVersionedKeyValueOperations kv = DevPlatform.root().opsForVersionedKeyValue("secret");

    @Test
    void numbersInSecretsRoundTripAsWritten() {
        TestHttp http = DevPlatform.http();
        String body = "{\"data\":{\"huge\":1e309,\"precise\":1.0000000000000000000001,\"tiny\":1e-400,\"scaled\":1.50,"
                + "\"long\":123456789012345678901234567890,\"neg\":-0.000000000000000000000000000001}}";
        assertThat(http.send("POST", "/v1/secret/data/kvbb/numbers", body, "X-Vault-Token", DevPlatform.ROOT_TOKEN).status()).isEqualTo(200);
        for (String read : new String[] {"/v1/secret/data/kvbb/numbers", "/v1/secret/data/kvbb/numbers?version=1"}) {
            String text = http.send("GET", read, null, "X-Vault-Token", DevPlatform.ROOT_TOKEN).body();
            assertThat(text).doesNotContain("Infinity", "\"huge\":\"").contains("\"precise\":1.0000000000000000000001",
                    "\"scaled\":1.50", "\"long\":123456789012345678901234567890");
            JsonNode data = DECIMALS.readTree(text).path("data").path("data");
            assertThat(data.path("huge").decimalValue()).isEqualByComparingTo("1e309");
            assertThat(data.path("tiny").decimalValue()).isEqualByComparingTo("1e-400");
            assertThat(data.path("neg").decimalValue()).isEqualByComparingTo("-0.000000000000000000000000000001");
        }
    }

    private static final JsonMapper DECIMALS = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void writesAndReadsVersions() {
        kv.put("kvbb/app", Map.of("password", "first"));
        Versioned.Metadata second = kv.put("kvbb/app", Map.of("password", "second"));
        assertThat(second.getVersion().getVersion()).isEqualTo(2);

        assertThat(kv.get("kvbb/app").getRequiredData()).containsEntry("password", "second");
        Versioned<Map<String, Object>> v1 = kv.get("kvbb/app", Versioned.Version.from(1));
        assertThat(v1.getRequiredData()).containsEntry("password", "first");
        assertThat(v1.getVersion().getVersion()).isEqualTo(1);
    }

    @Test
    void deleteUndeleteAndDestroy() {
        kv.put("kvbb/del", Map.of("k", "v1"));
        kv.put("kvbb/del", Map.of("k", "v2"));
        kv.delete("kvbb/del", Versioned.Version.from(2));
        Versioned<Map<String, Object>> deleted = kv.get("kvbb/del", Versioned.Version.from(2));
        assertThat(deleted == null || !deleted.hasData()).isTrue();
        kv.undelete("kvbb/del", Versioned.Version.from(2));
        assertThat(kv.get("kvbb/del").getRequiredData()).containsEntry("k", "v2");
        kv.destroy("kvbb/del", Versioned.Version.from(1));
        var meta = kv.opsForKeyValueMetadata().get("kvbb/del");
        assertThat(meta.getVersions()).hasSize(2);
        assertThat(meta.getVersions().get(0).isDestroyed()).isTrue();
    }

    @Test
    void listsKeysAndFolders() {
        kv.put("kvbb/list/a", Map.of("x", "1"));
        kv.put("kvbb/list/sub/b", Map.of("x", "2"));
        assertThat(DevPlatform.root().opsForKeyValue("secret", KeyValueBackend.versioned()).list("kvbb/list"))
                .containsExactlyInAnyOrder("a", "sub/");
    }

    @Test
    void checkAndSetRejectsAStaleWrite() {
        TestHttp http = DevPlatform.http();
        String t = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("POST", "/v1/secret/data/kvbb/cas", Map.of("options", Map.of("cas", 0), "data", Map.of("a", "1")),
                "X-Vault-Token", t).status()).isEqualTo(200);
        TestHttp.Response stale = http.send("POST", "/v1/secret/data/kvbb/cas", Map.of("options", Map.of("cas", 0), "data", Map.of("a", "2")),
                "X-Vault-Token", t);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.body()).contains("check-and-set parameter did not match the current version");
    }

    @Test
    void curlStyleFormContentTypeAndListMethodWork() {
        TestHttp http = DevPlatform.http();
        String t = DevPlatform.ROOT_TOKEN;
        http.send("POST", "/v1/secret/data/kvbb/curl/x", "{\"data\":{\"a\":\"b\"}}", "X-Vault-Token", t,
                "Content-Type", "application/x-www-form-urlencoded");
        TestHttp.Response list = http.send("LIST", "/v1/secret/metadata/kvbb/curl", null, "X-Vault-Token", t);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").path("keys").get(0).asString()).isEqualTo("x");
        TestHttp.Response bearer = http.send("GET", "/v1/secret/data/kvbb/curl/x", null, "Authorization", "Bearer " + t);
        assertThat(bearer.json().path("data").path("data").path("a").asString()).isEqualTo("b");
    }

    @Test
    void aWrappedReadCarriesOnlyAWrappingTokenThatUnwrapsToTheSecret() {
        DevPlatform.root().opsForVersionedKeyValue("secret").put("kvbb/wrap", Map.of("k", "v"));
        TestHttp.Response r = DevPlatform.http().send("GET", "/v1/secret/data/kvbb/wrap", null,
                "X-Vault-Token", DevPlatform.ROOT_TOKEN, "X-Vault-Wrap-TTL", "60s");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("\"k\"");
        String wrapping = r.json().path("wrap_info").path("token").asString();
        assertThat(DevPlatform.api("POST", "sys/wrapping/unwrap", null, wrapping).json().path("data").path("data").path("k").asString())
                .isEqualTo("v");
    }

    @Test
    void missingSecretIsVaults404AndBadJsonIs400() {
        TestHttp http = DevPlatform.http();
        TestHttp.Response missing = http.send("GET", "/v1/secret/data/kvbb/none", null, "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("errors").isEmpty()).isTrue();
        TestHttp.Response bad = http.send("POST", "/v1/secret/data/kvbb/bad", "{not json", "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).asString()).contains("failed to parse JSON");
        assertThatThrownBy(() -> DevPlatform.vault("not-a-token").opsForVersionedKeyValue("secret").get("kvbb/x"))
                .hasMessageContaining("403");
    }
}
