package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.Policy;
import org.springframework.vault.support.VaultToken;
import org.springframework.vault.support.VaultTokenRequest;
import org.springframework.vault.support.VaultTokenResponse;

/** Tokens and policies end to end: a narrow policy reads only what it allows; revocation is immediate. */
class TokenPolicyBlackBoxIntegrationTests {

    private final TestHttp http = DevPlatform.http();

    private void policy(String name, String hcl) {
        // PUT with a form Content-Type, as curl -X PUT -d sends it: Vault reads the body as JSON anyway
        TestHttp.Response r = http.send("PUT", "/v1/sys/policies/acl/" + name, TestHttp.JSON.writeValueAsString(Map.of("policy", hcl)),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(204);
    }

    private String token(String... policies) {
        VaultTokenResponse r = DevPlatform.root().opsForToken().create(VaultTokenRequest.builder().policies(List.of(policies)).ttl(java.time.Duration.ofHours(1)).build());
        return r.getToken().getToken();
    }

    @Test
    void narrowPolicyAllowsOnlyItsPaths() {
        DevPlatform.root().opsForVersionedKeyValue("secret").put("tpbb/allowed", Map.of("v", "1"));
        DevPlatform.root().opsForVersionedKeyValue("secret").put("tpbb/other", Map.of("v", "2"));
        policy("tpbb-read", "path \"secret/data/tpbb/allowed\" {\n  capabilities = [\"read\"]\n}\n");
        VaultTemplate narrow = DevPlatform.vault(token("tpbb-read"));

        assertThat(narrow.opsForVersionedKeyValue("secret").get("tpbb/allowed").getRequiredData()).containsEntry("v", "1");
        assertThatThrownBy(() -> narrow.opsForVersionedKeyValue("secret").get("tpbb/other")).hasMessageContaining("403");
        assertThatThrownBy(() -> narrow.opsForVersionedKeyValue("secret").put("tpbb/allowed", Map.of("v", "x"))).hasMessageContaining("403");
        assertThatThrownBy(() -> narrow.opsForSys().getMounts()).hasMessageContaining("403");
    }

    @Test
    void policyChangesTakeEffectAtOnce() {
        policy("tpbb-live", "path \"secret/data/tpbb/live\" { capabilities = [\"read\"] }");
        DevPlatform.root().opsForVersionedKeyValue("secret").put("tpbb/live", Map.of("v", "1"));
        String t = token("tpbb-live");
        assertThat(http.send("GET", "/v1/secret/data/tpbb/live", null, "X-Vault-Token", t).status()).isEqualTo(200);
        policy("tpbb-live", "path \"secret/data/tpbb/elsewhere\" { capabilities = [\"read\"] }");
        assertThat(http.send("GET", "/v1/secret/data/tpbb/live", null, "X-Vault-Token", t).status()).isEqualTo(403);
    }

    @Test
    void revokedParentTakesItsChildrenWithItImmediately() {
        policy("tpbb-parent", "path \"secret/data/tpbb/*\" { capabilities = [\"read\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }");
        String parent = token("tpbb-parent");
        VaultTokenResponse child = DevPlatform.vault(parent).opsForToken().create(VaultTokenRequest.builder().withPolicy("tpbb-parent").build());
        String childToken = child.getToken().getToken();
        // use both once so the gateway has them cached
        assertThat(http.send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", childToken).status()).isEqualTo(200);
        assertThat(http.send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", parent).status()).isEqualTo(200);

        DevPlatform.root().opsForToken().revoke(VaultToken.of(parent));

        assertThat(http.send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", parent).status()).isEqualTo(403);
        assertThat(http.send("GET", "/v1/auth/token/lookup-self", null, "X-Vault-Token", childToken).status()).isEqualTo(403);
    }

    @Test
    void springVaultPolicyApiRoundTripsAJsonPolicyThatTakesEffect() {
        var sys = DevPlatform.root().opsForSys();
        Policy written = Policy.of(Policy.Rule.builder().path("secret/data/tpbb/json/*").capabilities(Policy.BuiltinCapabilities.READ).build());
        sys.createOrUpdatePolicy("tpbb-json", written);
        assertThat(sys.getPolicyNames()).contains("tpbb-json");
        assertThat(sys.getPolicy("tpbb-json").getRule("secret/data/tpbb/json/*").getCapabilities()).containsExactly(Policy.BuiltinCapabilities.READ);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("tpbb/json/a", Map.of("v", "1"));
        VaultTemplate reader = DevPlatform.vault(token("tpbb-json"));
        assertThat(reader.opsForVersionedKeyValue("secret").get("tpbb/json/a").getRequiredData()).containsEntry("v", "1");
        sys.deletePolicy("tpbb-json");
        assertThat(sys.getPolicyNames()).doesNotContain("tpbb-json");
    }

    @Test
    void capabilitiesOfAnotherTokenByTokenOrAccessor() {
        policy("tpbb-other", "path \"secret/data/tpbb/other/*\" { capabilities = [\"create\", \"update\"] }");
        TestHttp.Response created = http.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("tpbb-other")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        String other = created.json().path("auth").path("client_token").asString();
        String accessor = created.json().path("auth").path("accessor").asString();

        TestHttp.Response byToken = http.send("POST", "/v1/sys/capabilities", Map.of("token", other, "paths", List.of("secret/data/tpbb/other/x")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(byToken.json().path("capabilities").toString()).isEqualTo("[\"create\",\"update\"]");
        TestHttp.Response byAccessor = http.send("POST", "/v1/sys/capabilities-accessor",
                Map.of("accessor", accessor, "paths", List.of("secret/data/tpbb/other/x", "secret/data/tpbb/elsewhere")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(byAccessor.json().path("data").path("secret/data/tpbb/other/x").toString()).isEqualTo("[\"create\",\"update\"]");
        assertThat(byAccessor.json().path("data").path("secret/data/tpbb/elsewhere").toString()).isEqualTo("[\"deny\"]");
        assertThat(http.send("POST", "/v1/sys/capabilities-accessor", Map.of("accessor", "nope", "paths", List.of("a")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN).status()).isEqualTo(400);
        // a token whose policy writes but cannot read: a write passes, a read is denied
        assertThat(http.send("POST", "/v1/secret/data/tpbb/other/x", Map.of("data", Map.of("a", "b")), "X-Vault-Token", other).status()).isEqualTo(200);
        assertThat(http.send("GET", "/v1/secret/data/tpbb/other/x", null, "X-Vault-Token", other).status()).isEqualTo(403);
    }

    @Test
    void malformedPolicyIsRejectedNamingTheLine() {
        TestHttp.Response r = http.send("PUT", "/v1/sys/policies/acl/tpbb-bad",
                Map.of("policy", "path \"secret/*\" {\n  capabilities = [\"read\"]\n  bogus = 1\n}\n"), "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).asString()).contains("line 3");
    }

    @Test
    void capabilitiesReflectThePolicy() {
        policy("tpbb-caps", "path \"secret/data/tpbb/caps/*\" { capabilities = [\"read\", \"list\"] }");
        String t = token("tpbb-caps");
        TestHttp.Response r = http.send("POST", "/v1/sys/capabilities-self", Map.of("paths", List.of("secret/data/tpbb/caps/x", "sys/mounts")),
                "X-Vault-Token", t);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("secret/data/tpbb/caps/x").toString()).isEqualTo("[\"list\",\"read\"]");
        assertThat(r.json().path("sys/mounts").toString()).isEqualTo("[\"deny\"]");
    }
}
