package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.vault.core.VaultKeyValueOperationsSupport.KeyValueBackend;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultTokenRequest;
import tools.jackson.databind.JsonNode;

/** Wire behaviour unchanged clients depend on, driven through spring-vault-core and plain HTTP. */
class BackendWireBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;


    private String token(String name, String policy, Map<String, Object> extra) {
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/" + name, Map.of("policy", policy), ROOT).status()).isEqualTo(204);
        Map<String, Object> body = new java.util.HashMap<>(extra);
        body.put("policies", List.of(name));
        return DevPlatform.api("POST", "auth/token/create", body, ROOT).json().path("auth").path("client_token").asString();
    }

    @Test
    void aTokenWithOneUseServesExactlyOneCallWhateverItIs() {
        String once = token("wire-once", "path \"auth/token/create\" { capabilities = [\"update\"] }", Map.of("num_uses", 1));
        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, once).json();
        assertThat(self.path("data").path("id").asString()).as("the one call is served").isEqualTo(once);
        assertThat(self.path("data").path("num_uses").asInt()).as("uses left after this one").isZero();
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, once).status()).as("no second use").isEqualTo(403);

        String twice = token("wire-twice", "path \"auth/token/create\" { capabilities = [\"update\"] }", Map.of("num_uses", 2));
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, twice).status()).isEqualTo(200);
        TestHttp.Response child = DevPlatform.api("POST", "auth/token/create", Map.of("policies", List.of("wire-twice")), twice);
        assertThat(child.status()).as("the last use may create a child").isEqualTo(200);
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, twice).status()).isEqualTo(403);
        String childToken = child.json().path("auth").path("client_token").asString();
        assertThat(DevPlatform.api("GET", "auth/token/lookup-self", null, childToken).status())
                .as("revoked with its parent when the parent's last use ended, as Vault does").isEqualTo(403);
    }

    @Test
    void numUsesOutOfRangeIsRefused() {
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("num_uses", 2147483648L), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("ttl", "99999999999999999999"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("period", 1e308), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("renewable", 5), ROOT).status()).isEqualTo(400);
    }

    @Test
    void namesAndFlagsACallerChoosesAreCheckedAsVaultChecksThemAndBounded() {
        String longName = "n".repeat(100_000);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("display_name", longName), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("id", longName), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/token/create", Map.of("policies", List.of("p".repeat(257))), ROOT).status()).isEqualTo(400);
        TestHttp.Response bounded = DevPlatform.api("POST", "auth/token/create", Map.of("display_name", "d".repeat(256)), ROOT);
        assertThat(bounded.status()).as("the bound itself is allowed").isEqualTo(200);
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/" + "q".repeat(257), Map.of("policy", "path \"a\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/" + "q".repeat(256), Map.of("policy", "path \"a\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("DELETE", "sys/policies/acl/" + "q".repeat(256), null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "sys/auth/wire-up", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/wire-up/users/u", Map.of("password", "pw", "token_policies", List.of("p".repeat(257))), ROOT)
                .status()).as("a login's policies are bounded too").isEqualTo(400);
        assertThat(DevPlatform.api("POST", "auth/wire-up/users/u", Map.of("password", "pw", "policies", "p".repeat(257)), ROOT).status())
                .isEqualTo(400);
        assertThat(DevPlatform.api("DELETE", "sys/auth/wire-up", null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "secret/config", Map.of("cas_required", 5), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "secret/metadata/wire-flags", Map.of("cas_required", 5), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "secret/metadata/wire-flags", Map.of("cas_required", 1), ROOT).status())
                .as("Go's ParseBool takes 1").isEqualTo(204);
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/wire-wrap", Map.of("policy",
                "path \"a\" {\n  capabilities = [\"read\"]\n  min_wrapping_ttl = \"abc\"\n}"), ROOT).status()).isEqualTo(400);
    }

    @Test
    void uiMountsPreflightAnswers403ForAPathWithNoMount() {
        TestHttp.Response r = DevPlatform.api("GET", "sys/internal/ui/mounts/wire-unknown", null, ROOT);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("errors").get(0).asString()).contains("\"wire-unknown/\"");
        assertThat(DevPlatform.api("GET", "sys/internal/ui/mounts/secret/app", null, ROOT).json().path("data").path("options").path("version")
                .asString()).isEqualTo("2");
    }

    @Test
    void anUnmountedPathIs403ForATokenThatMayNotSeeItAnd404ForRoot() {
        String narrow = token("wire-narrow", "path \"secret/data/wire/*\" { capabilities = [\"read\"] }", Map.of());
        assertThat(DevPlatform.api("GET", "nothing-here/x", null, narrow).status()).isEqualTo(403);
        assertThat(DevPlatform.api("GET", "secret/data/x", null, narrow).status()).isEqualTo(403);
        TestHttp.Response root = DevPlatform.api("GET", "nothing-here/x", null, ROOT);
        assertThat(root.status()).isEqualTo(404);
        assertThat(root.json().path("errors").get(0).asString()).contains("no handler for route");
    }

    @Test
    void genericIsKvAndAuthMountsTakeOnlyAuthTypes() {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount("wire-generic", VaultMount.create("generic"));
        assertThat(root.opsForSys().getMounts().get("wire-generic/").getType()).isEqualTo("kv");
        root.opsForKeyValue("wire-generic", KeyValueBackend.KV_1).put("a", Map.of("k", "v"));
        assertThat(root.opsForKeyValue("wire-generic", KeyValueBackend.KV_1).get("a").getData()).containsEntry("k", "v");

        assertThatThrownBy(() -> root.opsForSys().authMount("wire-kv", VaultMount.create("kv"))).hasMessageContaining("400");
        assertThat(DevPlatform.api("POST", "sys/auth/wire-token", Map.of("type", "token"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("DELETE", "sys/auth/token", null, ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/mounts/wire-bad", Map.of("type", "kv", "options", Map.of("version", "3")), ROOT).status())
                .isEqualTo(400);
    }

    @Test
    void capabilitiesTakeAListOfPathsAndRefuseAnythingElseWith400() {
        assertThat(DevPlatform.api("POST", "sys/capabilities-self", Map.of("path", Map.of()), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/capabilities-self", Map.of("paths", List.of(Map.of())), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/capabilities", Map.of("token", Map.of(), "paths", "secret/x"), ROOT).status())
                .isEqualTo(400);
        assertThat(DevPlatform.api("POST", "sys/capabilities-self", Map.of("paths", "secret/a, secret/b"), ROOT).json().path("data")
                .path("secret/b").toString()).isEqualTo("[\"root\"]");
    }

    @Test
    void aNegativeCasIsAMismatch() {
        TestHttp.Response r = DevPlatform.api("POST", "secret/data/wire/cas", Map.of("options", Map.of("cas", -1), "data", Map.of("k", "v")), ROOT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).asString()).isEqualTo("check-and-set parameter did not match the current version");
    }

    @Test
    void kvWritesNeedCreateForNewSecretsAndUpdateForExistingOnes() {
        DevPlatform.root().opsForVersionedKeyValue("secret").put("wire/existing", Map.of("v", "1"));
        String creator = token("wire-create", "path \"secret/data/wire/*\" { capabilities = [\"create\"] }", Map.of());
        String updater = token("wire-update", "path \"secret/data/wire/*\" { capabilities = [\"update\"] }", Map.of());
        Map<String, Object> body = Map.of("data", Map.of("v", "2"));

        assertThat(DevPlatform.api("POST", "secret/data/wire/new-one", body, creator).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/wire/existing", body, creator).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "secret/data/wire/existing", body, updater).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/wire/another", body, updater).status()).isEqualTo(403);
        assertThat(DevPlatform.root().opsForVersionedKeyValue("secret").get("wire/existing").getRequiredData()).containsEntry("v", "2");
    }

    @Test
    void remountMovesAMountWithItsData() {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount("wire-from", VaultMount.builder().type("kv").options(Map.of("version", "2")).build());
        root.opsForVersionedKeyValue("wire-from").put("app", Map.of("k", "v"));
        assertThat(DevPlatform.api("POST", "sys/remount", Map.of("from", "wire-from", "to", "wire-to"), ROOT).status()).isEqualTo(200);
        assertThat(root.opsForVersionedKeyValue("wire-to").get("app").getRequiredData()).containsEntry("k", "v");
        assertThat(root.opsForSys().getMounts()).doesNotContainKey("wire-from/");
        assertThat(DevPlatform.api("POST", "sys/remount", Map.of("from", "sys", "to", "elsewhere"), ROOT).status()).isEqualTo(400);
    }

    @Test
    void tokenCreationThroughTheClientKeepsWorking() {
        var created = DevPlatform.root().opsForToken().create(VaultTokenRequest.builder().ttl(java.time.Duration.ofMinutes(5)).build());
        assertThat(created.getToken().getToken()).startsWith("hvs.");
    }
}
