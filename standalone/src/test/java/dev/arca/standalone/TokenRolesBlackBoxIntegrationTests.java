package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.support.VaultTokenRequest;
import org.springframework.vault.support.VaultTokenResponse;
import tools.jackson.databind.JsonNode;

/** Token roles ({@code auth/token/roles/<r>}), {@code auth/token/create/<r>}, periodic tokens and tidy, over HTTP and spring-vault-core. */
class TokenRolesBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;

    @BeforeAll
    static void policies() {
        for (String p : List.of("tr-a", "tr-b", "tr-ro-1", "tr-secret")) {
            assertThat(DevPlatform.api("PUT", "sys/policies/acl/" + p, Map.of("policy", "path \"secret/data/" + p + "/*\" { capabilities = [\"read\"] }"),
                    ROOT).status()).isEqualTo(204);
        }
    }

    private static TestHttp.Response role(String name, Map<String, Object> body) {
        return DevPlatform.api("POST", "auth/token/roles/" + name, body, ROOT);
    }

    private static JsonNode create(String role, Map<String, Object> body, String token) {
        TestHttp.Response r = DevPlatform.api("POST", "auth/token/create/" + role, body, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("auth");
    }

    private static JsonNode lookup(String token) {
        return DevPlatform.api("GET", "auth/token/lookup-self", null, token).json().path("data");
    }

    private static String errorOf(TestHttp.Response r) {
        return r.json().path("errors").get(0).asString();
    }

    @Test
    void rolesAreWrittenReadListedAndDeletedInVaultsShape() {
        assertThat(role("tr-shape", Map.of("allowed_policies", "tr-a,tr-b", "disallowed_policies", List.of("tr-secret"),
                "allowed_policies_glob", List.of("tr-ro-*"), "orphan", true, "renewable", false, "path_suffix", "v1",
                "token_period", "1h", "token_explicit_max_ttl", "2h", "token_type", "service", "token_num_uses", 3)).status()).isEqualTo(204);
        JsonNode d = DevPlatform.api("GET", "auth/token/roles/tr-shape", null, ROOT).json().path("data");
        assertThat(d.path("name").asString()).isEqualTo("tr-shape");
        assertThat(d.path("allowed_policies").toString()).isEqualTo("[\"tr-a\",\"tr-b\"]");
        assertThat(d.path("disallowed_policies").toString()).isEqualTo("[\"tr-secret\"]");
        assertThat(d.path("allowed_policies_glob").toString()).isEqualTo("[\"tr-ro-*\"]");
        assertThat(d.path("orphan").asBoolean()).isTrue();
        assertThat(d.path("renewable").asBoolean()).isFalse();
        assertThat(d.path("path_suffix").asString()).isEqualTo("v1");
        assertThat(d.path("token_period").asLong()).isEqualTo(3600);
        assertThat(d.path("period").asLong()).isEqualTo(3600);
        assertThat(d.path("token_explicit_max_ttl").asLong()).isEqualTo(7200);
        assertThat(d.path("token_num_uses").asInt()).isEqualTo(3);
        assertThat(d.path("token_type").asString()).isEqualTo("service");

        assertThat(role("tr-shape", Map.of("renewable", true)).status()).as("an update keeps what it does not name").isEqualTo(204);
        d = DevPlatform.api("GET", "auth/token/roles/tr-shape", null, ROOT).json().path("data");
        assertThat(d.path("renewable").asBoolean()).isTrue();
        assertThat(d.path("path_suffix").asString()).isEqualTo("v1");

        assertThat(DevPlatform.api("LIST", "auth/token/roles", null, ROOT).json().path("data").path("keys").toString()).contains("\"tr-shape\"");
        assertThat(DevPlatform.api("DELETE", "auth/token/roles/tr-shape", null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "auth/token/roles/tr-shape", null, ROOT).status()).isEqualTo(404);
        TestHttp.Response unknown = DevPlatform.api("POST", "auth/token/create/tr-shape", Map.of(), ROOT);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(errorOf(unknown)).isEqualTo("unknown role tr-shape");
    }

    @Test
    void badRoleInputIsA400() {
        assertThat(role("tr-bad", Map.of("token_num_uses", -1)).status()).isEqualTo(400);
        assertThat(role("tr-bad", Map.of("token_period", "soon")).status()).isEqualTo(400);
        assertThat(role("tr-bad", Map.of("token_type", "weird")).status()).isEqualTo(400);
        assertThat(role("tr-bad", Map.of("path_suffix", "../up")).status()).isEqualTo(400);
        assertThat(role("tr-bad", Map.of("token_bound_cidrs", "example.com")).status()).isEqualTo(400);
        assertThat(role("tr-bad", Map.of("token_type", "batch", "token_period", "1h")).status()).isEqualTo(400);
        assertThat(DevPlatform.api("GET", "auth/token/roles/tr-bad", null, ROOT).status()).as("nothing half-written").isEqualTo(404);
    }

    @Test
    void allowedAndDisallowedPoliciesDecideWhatATokenOfTheRoleGets() {
        assertThat(role("tr-pol", Map.of("allowed_policies", List.of("tr-a", "tr-b"), "allowed_policies_glob", List.of("tr-ro-*"),
                "disallowed_policies", List.of("tr-secret"))).status()).isEqualTo(204);
        // a parent without those policies: the role, not the parent, decides
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/tr-creator", Map.of("policy",
                "path \"auth/token/create/tr-pol\" { capabilities = [\"update\"] }"), ROOT).status()).isEqualTo(204);
        String parent = DevPlatform.api("POST", "auth/token/create", Map.of("policies", List.of("tr-creator")), ROOT).json()
                .path("auth").path("client_token").asString();

        assertThat(create("tr-pol", Map.of(), parent).path("policies").toString()).isEqualTo("[\"default\",\"tr-a\",\"tr-b\"]");
        assertThat(create("tr-pol", Map.of("policies", List.of("tr-b", "tr-ro-1")), parent).path("policies").toString())
                .isEqualTo("[\"default\",\"tr-b\",\"tr-ro-1\"]");
        TestHttp.Response outside = DevPlatform.api("POST", "auth/token/create/tr-pol", Map.of("policies", List.of("tr-secret")), parent);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(errorOf(outside)).contains("must be subset of the role's allowed policies");

        assertThat(role("tr-deny", Map.of("disallowed_policies_glob", List.of("tr-sec*"))).status()).isEqualTo(204);
        TestHttp.Response denied = DevPlatform.api("POST", "auth/token/create/tr-deny", Map.of("policies", List.of("tr-secret")), ROOT);
        assertThat(denied.status()).isEqualTo(400);
        assertThat(errorOf(denied)).isEqualTo("token policy \"tr-secret\" is disallowed by this role");
        assertThat(create("tr-deny", Map.of("policies", List.of("tr-a")), ROOT).path("policies").toString())
                .isEqualTo("[\"default\",\"tr-a\"]");
    }

    @Test
    void theRoleSetsOrphanRenewabilityPathUsesAndExplicitMaximum() {
        assertThat(role("tr-life", Map.of("orphan", true, "renewable", false, "path_suffix", "v2", "token_explicit_max_ttl", "10m",
                "token_num_uses", 5, "allowed_policies", List.of("tr-a"))).status()).isEqualTo(204);
        JsonNode auth = create("tr-life", Map.of("ttl", "1h", "num_uses", 9), ROOT);
        assertThat(auth.path("orphan").asBoolean()).isTrue();
        assertThat(auth.path("renewable").asBoolean()).isFalse();
        assertThat(auth.path("lease_duration").asLong()).as("capped by the role's explicit maximum").isEqualTo(600);
        assertThat(auth.path("num_uses").asInt()).isEqualTo(5);
        String token = auth.path("client_token").asString();
        JsonNode self = lookup(token);
        assertThat(self.path("path").asString()).isEqualTo("auth/token/create/tr-life/v2");
        assertThat(self.path("explicit_max_ttl").asLong()).isEqualTo(600);
        TestHttp.Response renew = DevPlatform.api("POST", "auth/token/renew-self", Map.of(), token);
        assertThat(renew.status()).isEqualTo(400);
    }

    @Test
    void aPeriodicTokenRenewsBackToItsPeriodWithoutAMaximum() {
        assertThat(role("tr-periodic", Map.of("token_period", "1h", "allowed_policies", List.of("tr-a"))).status()).isEqualTo(204);
        // no sudo needed through a role with a period
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/tr-periodic-creator", Map.of("policy",
                "path \"auth/token/create/tr-periodic\" { capabilities = [\"update\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }"),
                ROOT).status()).isEqualTo(204);
        String creator = DevPlatform.api("POST", "auth/token/create", Map.of("policies", List.of("tr-periodic-creator")), ROOT).json()
                .path("auth").path("client_token").asString();
        TestHttp.Response direct = DevPlatform.api("POST", "auth/token/create", Map.of("period", "1h"), creator);
        assertThat(direct.status()).isEqualTo(400);
        assertThat(errorOf(direct)).isEqualTo("root or sudo privileges required to create periodic token");

        JsonNode auth = create("tr-periodic", Map.of("ttl", "5m"), creator);
        assertThat(auth.path("lease_duration").asLong()).as("the period, not the ttl").isEqualTo(3600);
        String token = auth.path("client_token").asString();
        JsonNode self = lookup(token);
        assertThat(self.path("period").asLong()).isEqualTo(3600);
        assertThat(self.path("explicit_max_ttl").asLong()).isZero();

        JsonNode renewed = DevPlatform.api("POST", "auth/token/renew-self", Map.of("increment", "10s"), token).json().path("auth");
        assertThat(renewed.path("lease_duration").asLong()).as("renewal resets to the period").isEqualTo(3600);
        JsonNode again = DevPlatform.api("POST", "auth/token/renew-self", Map.of("increment", "100h"), token).json().path("auth");
        assertThat(again.path("lease_duration").asLong()).isEqualTo(3600);
    }

    @Test
    void entityAliasesNeedARoleThatAllowsThem() {
        TestHttp.Response noRole = DevPlatform.api("POST", "auth/token/create", Map.of("entity_alias", "x"), ROOT);
        assertThat(noRole.status()).isEqualTo(400);
        assertThat(errorOf(noRole)).isEqualTo("'entity_alias' is only allowed in combination with token role");
        assertThat(role("tr-alias", Map.of("allowed_entity_aliases", List.of("svc-a"))).status()).isEqualTo(204);
        TestHttp.Response notAllowed = DevPlatform.api("POST", "auth/token/create/tr-alias", Map.of("entity_alias", "svc-b"), ROOT);
        assertThat(notAllowed.status()).isEqualTo(400);
        assertThat(errorOf(notAllowed)).isEqualTo("invalid 'entity_alias' value");
    }

    @Test
    void anAllowedEntityAliasAttachesTheTokenToItsEntity() {
        assertThat(role("tr-alias-glob", Map.of("allowed_entity_aliases", List.of("svc-*"))).status()).isEqualTo(204);
        String first = create("tr-alias-glob", Map.of("entity_alias", "svc-orders"), ROOT).path("client_token").asString();
        String second = create("tr-alias-glob", Map.of("entity_alias", "svc-orders"), ROOT).path("client_token").asString();
        String other = create("tr-alias-glob", Map.of("entity_alias", "svc-billing"), ROOT).path("client_token").asString();
        String entity = lookup(first).path("entity_id").asString();
        assertThat(entity).isNotEmpty();
        assertThat(lookup(second).path("entity_id").asString()).as("one alias, one entity").isEqualTo(entity);
        assertThat(lookup(other).path("entity_id").asString()).isNotEmpty().isNotEqualTo(entity);
        JsonNode aliases = DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT).json().path("data").path("aliases");
        assertThat(aliases.size()).isEqualTo(1);
        assertThat(aliases.get(0).path("name").asString()).isEqualTo("svc-orders");
        assertThat(aliases.get(0).path("mount_path").asString()).isEqualTo("auth/token/");
        TestHttp.Response notMatching = DevPlatform.api("POST", "auth/token/create/tr-alias-glob", Map.of("entity_alias", "web-1"), ROOT);
        assertThat(notMatching.status()).isEqualTo(400);
    }

    @Test
    void springVaultCreatesTokensWithARole() {
        assertThat(role("tr-spring", Map.of("allowed_policies", List.of("tr-a"), "orphan", true)).status()).isEqualTo(204);
        VaultTokenResponse created = DevPlatform.root().opsForToken().create("tr-spring", VaultTokenRequest.builder()
                .ttl(Duration.ofMinutes(20)).build());
        assertThat(created.getAuth().get("policies").toString()).isEqualTo("[default, tr-a]");
        assertThat(created.getAuth().get("orphan")).isEqualTo(true);
        assertThat(created.getAuth().get("lease_duration")).isEqualTo(1200);
    }

    @Test
    void tidyStartsInTheBackground() {
        TestHttp.Response tidy = DevPlatform.api("POST", "auth/token/tidy", Map.of(), ROOT);
        assertThat(tidy.status()).isEqualTo(202);
        assertThat(tidy.json().path("warnings").get(0).asString()).startsWith("Tidy operation");
    }
}
