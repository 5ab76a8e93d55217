package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.core.events.Invalidations;
import dev.arca.core.policy.BuiltinPolicies;
import dev.arca.test.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PolicyIntegrationTests extends IdentityIntegrationTestSupport {

    private static final String DEPLOY = """
            path "secret/data/deploy/*" {
              capabilities = ["read", "list"]
            }
            """;

    @Test
    void writeReadListDeleteWithVaultShapesAndInvalidations() throws Exception {
        Token root = root();
        List<String> seen = notificationsDuring(() -> assertThat(call("POST", "/v1/sys/policies/acl/Deploy",
                Map.of("policy", DEPLOY), root).status()).isEqualTo(204), "policy:deploy");
        assertThat(seen).contains("policy:deploy");

        JsonNode read = call("GET", "/v1/sys/policies/acl/deploy", null, root).json();
        assertThat(read.get("data").get("name").asString()).isEqualTo("deploy");
        assertThat(read.get("data").get("policy").asString()).isEqualTo(DEPLOY);
        assertThat(read.get("request_id").asString()).isNotEmpty();

        JsonNode keys = call("GET", "/v1/sys/policies/acl?list=true", null, root).json().get("data").get("keys");
        assertThat(keys.toString()).contains("\"default\"", "\"deploy\"", "\"root\"");

        TestHttp.Response internal = http.send("GET", "/internal/policies/deploy", null, "Authorization", internalAuth());
        assertThat(internal.json().get("policy").asString()).isEqualTo(DEPLOY);
        assertThat(http.send("GET", "/internal/policies/root", null, "Authorization", internalAuth()).status()).isEqualTo(404);
        assertThat(http.send("GET", "/internal/policies/default", null, "Authorization", internalAuth()).json()
                .get("policy").asString()).isEqualTo(BuiltinPolicies.DEFAULT_POLICY);

        // a change marks its response, so the gateway waits for its own cache to be invalidated; a read does not
        TestHttp.Response rewrite = call("PUT", "/v1/sys/policies/acl/deploy", Map.of("policy", DEPLOY), root);
        assertThat(rewrite.headers()).containsKey(Invalidations.PUBLISHED_HEADER.toLowerCase());
        assertThat(call("GET", "/v1/sys/policies/acl/deploy", null, root).headers())
                .doesNotContainKey(Invalidations.PUBLISHED_HEADER.toLowerCase());

        seen = notificationsDuring(() -> assertThat(call("DELETE", "/v1/sys/policies/acl/deploy", null, root).status())
                .isEqualTo(204), "policy:deploy");
        assertThat(seen).contains("policy:deploy");
        assertThat(call("GET", "/v1/sys/policies/acl/deploy", null, root).status()).isEqualTo(404);
        assertThat(http.send("GET", "/internal/policies/deploy", null, "Authorization", internalAuth()).status()).isEqualTo(404);
    }

    @Test
    void malformedPoliciesAreRefusedNamingTheLine() {
        Token root = root();
        TestHttp.Response bad = call("PUT", "/v1/sys/policies/acl/bad", Map.of("policy",
                "path \"secret/*\" {\n  capabilities = [\"read\", \"fly\"]\n}\n"), root);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).asString()).startsWith("failed to parse policy: line 2").contains("fly");
        TestHttp.Response syntax = call("PUT", "/v1/sys/policies/acl/bad", Map.of("policy", "path \"a\" {\n\n  capabilities = [\"read\"\n"), root);
        assertThat(syntax.json().get("errors").get(0).asString()).startsWith("failed to parse policy: line 4");
        assertThat(call("PUT", "/v1/sys/policies/acl/bad", Map.of(), root).status()).isEqualTo(400);
        assertThat(call("GET", "/v1/sys/policies/acl/bad", null, root).status()).isEqualTo(404);
    }

    @Test
    void rootAndDefaultAreProtected() {
        Token root = root();
        TestHttp.Response writeRoot = call("POST", "/v1/sys/policies/acl/root", Map.of("policy", DEPLOY), root);
        assertThat(writeRoot.json().get("errors").get(0).asString()).isEqualTo("cannot update \"root\" policy");
        assertThat(call("DELETE", "/v1/sys/policies/acl/root", null, root).status()).isEqualTo(400);
        TestHttp.Response deleteDefault = call("DELETE", "/v1/sys/policies/acl/default", null, root);
        assertThat(deleteDefault.json().get("errors").get(0).asString()).isEqualTo("cannot delete \"default\" policy");
        assertThat(call("GET", "/v1/sys/policies/acl/default", null, root).json().get("data").get("policy").asString())
                .contains("auth/token/lookup-self");
    }

    @Test
    void legacyPolicyEndpointsCopyDataToTheTopLevel() {
        Token root = root();
        String encoded = Base64.getEncoder().encodeToString(DEPLOY.getBytes(StandardCharsets.UTF_8));
        assertThat(call("PUT", "/v1/sys/policy/legacy", Map.of("rules", encoded), root).status()).isEqualTo(204);
        JsonNode list = call("GET", "/v1/sys/policy", null, root).json();
        assertThat(list.get("policies").toString()).contains("\"legacy\"", "\"root\"");
        assertThat(list.get("data").get("keys")).isEqualTo(list.get("keys"));
        JsonNode read = call("GET", "/v1/sys/policy/legacy", null, root).json();
        assertThat(read.get("rules").asString()).isEqualTo(DEPLOY);
        assertThat(read.get("data").get("name").asString()).isEqualTo("legacy");
        assertThat(call("DELETE", "/v1/sys/policy/legacy", null, root).status()).isEqualTo(204);
    }

    @Test
    void sudoFromAPolicyLetsANonRootTokenCreateOrphans() {
        Token root = root();
        assertThat(call("PUT", "/v1/sys/policies/acl/token-admin", Map.of("policy",
                "path \"auth/token/create\" { capabilities = [\"update\", \"sudo\"] }"), root).status()).isEqualTo(204);
        Token admin = create(root, Map.of("policies", List.of("token-admin")));
        TestHttp.Response orphan = call("POST", "/v1/auth/token/create", Map.of("no_parent", true, "policies", "other"), admin);
        assertThat(orphan.status()).as(orphan.body()).isEqualTo(200);
        assertThat(orphan.json().get("auth").get("orphan").asBoolean()).isTrue();
        assertThat(orphan.json().get("warnings").toString()).contains("other");
    }
}
