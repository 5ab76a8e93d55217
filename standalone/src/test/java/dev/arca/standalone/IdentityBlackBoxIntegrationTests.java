package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.RoleId;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions.SecretId;
import org.springframework.vault.authentication.UsernamePasswordAuthentication;
import org.springframework.vault.authentication.UsernamePasswordAuthenticationOptions;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/**
 * The identity store and identity policies as an application meets them: entities, aliases made at
 * first login, groups whose policies reach live tokens at once, templated policy paths, lookups and
 * merges, through plain HTTP and spring-vault-core's logins.
 */
class IdentityBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static String userpass;
    private static String userpass2;

    @BeforeAll
    static void mount() {
        assertThat(DevPlatform.api("POST", "sys/auth/id-up", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "sys/auth/id-up2", Map.of("type", "userpass"), ROOT).status()).isEqualTo(204);
        JsonNode auths = DevPlatform.api("GET", "sys/auth", null, ROOT).json().path("data");
        userpass = auths.path("id-up/").path("accessor").asString();
        userpass2 = auths.path("id-up2/").path("accessor").asString();
        assertThat(userpass).startsWith("auth_userpass_");
        DevPlatform.root().opsForVersionedKeyValue("secret").put("id-grp/app", Map.of("k", "group"));
    }

    private static void user(String mount, String name) {
        assertThat(DevPlatform.api("POST", "auth/" + mount + "/users/" + name, Map.of("password", "pw-" + name), ROOT).status())
                .isEqualTo(204);
    }

    private static String login(String mount, String name) {
        return new UsernamePasswordAuthentication(UsernamePasswordAuthenticationOptions.builder().path(mount).username(name)
                .password("pw-" + name).build(), DevPlatform.loginClient()).login().getToken();
    }

    private static JsonNode data(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("data");
    }

    private static String entityOf(String token) {
        return data(DevPlatform.api("GET", "auth/token/lookup-self", null, token)).path("entity_id").asString();
    }

    private static void policy(String name, String hcl) {
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/" + name, Map.of("policy", hcl), ROOT).status()).isEqualTo(204);
    }

    private static int read(String path, String token) {
        return DevPlatform.api("GET", path, null, token).status();
    }

    @Test
    void entitiesAreCreatedReadUpdatedListedAndDeletedInVaultsShapes() {
        JsonNode created = data(DevPlatform.api("POST", "identity/entity", Map.of("name", "crud-a", "policies", "p1,p2",
                "metadata", Map.of("team", "blue")), ROOT));
        String id = created.path("id").asString();
        assertThat(created.path("name").asString()).isEqualTo("crud-a");

        JsonNode read = data(DevPlatform.api("GET", "identity/entity/id/" + id, null, ROOT));
        assertThat(read.path("name").asString()).isEqualTo("crud-a");
        assertThat(read.path("policies").toString()).isEqualTo("[\"p1\",\"p2\"]");
        assertThat(read.path("metadata").path("team").asString()).isEqualTo("blue");
        assertThat(read.path("disabled").asBoolean()).isFalse();
        assertThat(read.path("aliases").isArray()).isTrue();
        assertThat(read.path("namespace_id").asString()).isEqualTo("root");
        assertThat(data(DevPlatform.api("GET", "identity/entity/name/crud-a", null, ROOT)).path("id").asString()).isEqualTo(id);

        assertThat(DevPlatform.api("POST", "identity/entity/id/" + id, Map.of("policies", List.of("p3")), ROOT).status())
                .as("an update answers 204").isEqualTo(204);
        JsonNode updated = data(DevPlatform.api("GET", "identity/entity/id/" + id, null, ROOT));
        assertThat(updated.path("policies").toString()).isEqualTo("[\"p3\"]");
        assertThat(updated.path("metadata").path("team").asString()).as("left alone").isEqualTo("blue");
        assertThat(DevPlatform.api("POST", "identity/entity", Map.of("name", "crud-a", "disabled", true), ROOT).status())
                .as("a write by an existing name updates that entity").isEqualTo(204);
        assertThat(data(DevPlatform.api("GET", "identity/entity/id/" + id, null, ROOT)).path("disabled").asBoolean()).isTrue();

        assertThat(data(DevPlatform.api("LIST", "identity/entity/name", null, ROOT)).path("keys").toString()).contains("\"crud-a\"");
        assertThat(data(DevPlatform.api("LIST", "identity/entity/id", null, ROOT)).path("keys").toString()).contains(id);

        String other = data(DevPlatform.api("POST", "identity/entity", Map.of(), ROOT)).path("name").asString();
        assertThat(other).as("a generated name").startsWith("entity_");
        assertThat(DevPlatform.api("POST", "identity/entity/name/" + other, Map.of("name", "crud-a"), ROOT).status()).isEqualTo(204);
        TestHttp.Response taken = DevPlatform.api("POST", "identity/entity/id/" + data(DevPlatform.api("GET", "identity/entity/name/" + other,
                null, ROOT)).path("id").asString(), Map.of("name", "crud-a"), ROOT);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().path("errors").get(0).asString()).isEqualTo("entity name is already in use");
        assertThat(DevPlatform.api("POST", "identity/entity/id/no-such-id", Map.of("policies", "x"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/entity", Map.of("policies", "root"), ROOT).status()).as("never root").isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/group", Map.of("policies", List.of("a", "Root")), ROOT).status()).isEqualTo(400);

        assertThat(DevPlatform.api("DELETE", "identity/entity/id/" + id, null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + id, null, ROOT).status()).isEqualTo(404);
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + id, null, null).status()).as("needs a token").isEqualTo(403);
    }

    @Test
    void theFirstLoginMakesAnEntityAndAnAliasAndLaterLoginsFindThem() {
        user("id-up", "first");
        String token = login("id-up", "first");
        String entity = entityOf(token);
        assertThat(entity).isNotEmpty();
        assertThat(entityOf(login("id-up", "first"))).as("the same entity at every login").isEqualTo(entity);

        JsonNode e = data(DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT));
        assertThat(e.path("name").asString()).startsWith("entity_");
        JsonNode alias = e.path("aliases").get(0);
        assertThat(alias.path("name").asString()).isEqualTo("first");
        assertThat(alias.path("mount_accessor").asString()).isEqualTo(userpass);
        assertThat(alias.path("mount_path").asString()).isEqualTo("auth/id-up/");
        assertThat(alias.path("mount_type").asString()).isEqualTo("userpass");
        assertThat(alias.path("canonical_id").asString()).isEqualTo(entity);
        JsonNode byId = data(DevPlatform.api("GET", "identity/entity-alias/id/" + alias.path("id").asString(), null, ROOT));
        assertThat(byId.path("name").asString()).isEqualTo("first");

        JsonNode found = data(DevPlatform.api("POST", "identity/lookup/entity", Map.of("alias_name", "first", "alias_mount_accessor", userpass),
                ROOT));
        assertThat(found.path("id").asString()).isEqualTo(entity);

        // Vault's default policy: a token reads its own entity (a templated path), no other
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + entity, null, token).status()).isEqualTo(200);
        assertThat(DevPlatform.api("GET", "identity/entity/name/" + e.path("name").asString(), null, token).status()).isEqualTo(200);
        user("id-up", "second");
        String other = entityOf(login("id-up", "second"));
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + other, null, token).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "identity/lookup/entity", Map.of("name", "no-such-entity"), ROOT).status())
                .as("nothing found: no content").isEqualTo(204);
        assertThat(DevPlatform.api("POST", "identity/lookup/entity", Map.of("name", "a", "id", "b"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/lookup/entity", Map.of(), ROOT).status()).isEqualTo(400);
    }

    @Test
    void concurrentFirstLoginsOfOneNameMakeOneEntity() throws Exception {
        user("id-up", "racer");
        List<java.util.concurrent.Future<String>> logins = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                logins.add(pool.submit(() -> entityOf(login("id-up", "racer"))));
            }
        }
        java.util.Set<String> entities = new java.util.HashSet<>();
        for (var f : logins) {
            entities.add(f.get());
        }
        assertThat(entities).hasSize(1);
        JsonNode found = data(DevPlatform.api("POST", "identity/lookup/entity", Map.of("alias_name", "racer", "alias_mount_accessor", userpass),
                ROOT));
        assertThat(found.path("aliases")).hasSize(1);
    }

    @Test
    void aliasesAreManagedByHandOnePerEntityAndMount() {
        String entity = data(DevPlatform.api("POST", "identity/entity", Map.of("name", "hand-made"), ROOT)).path("id").asString();
        JsonNode a = data(DevPlatform.api("POST", "identity/entity-alias", Map.of("name", "handy", "mount_accessor", userpass,
                "canonical_id", entity), ROOT));
        assertThat(a.path("canonical_id").asString()).isEqualTo(entity);
        TestHttp.Response second = DevPlatform.api("POST", "identity/entity-alias", Map.of("name", "handy2", "mount_accessor", userpass,
                "canonical_id", entity), ROOT);
        assertThat(second.status()).isEqualTo(400);
        TestHttp.Response clash = DevPlatform.api("POST", "identity/entity-alias", Map.of("name", "handy", "mount_accessor", userpass), ROOT);
        assertThat(clash.status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/entity-alias", Map.of("mount_accessor", userpass), ROOT).status()).isEqualTo(400);

        user("id-up", "handy");
        assertThat(entityOf(login("id-up", "handy"))).as("a login finds the alias made by hand").isEqualTo(entity);
        assertThat(data(DevPlatform.api("LIST", "identity/entity-alias/id", null, ROOT)).path("keys").toString())
                .contains(a.path("id").asString());
        assertThat(DevPlatform.api("DELETE", "identity/entity-alias/id/" + a.path("id").asString(), null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "identity/entity-alias/id/" + a.path("id").asString(), null, ROOT).status()).isEqualTo(404);
    }

    @Test
    void groupPoliciesApplyToLiveTokensAtOnceAlsoThroughMemberGroups() {
        policy("id-grp", "path \"secret/data/id-grp/*\" { capabilities = [\"read\"] }");
        user("id-up", "grouped");
        String token = login("id-up", "grouped");
        String entity = entityOf(token);
        assertThat(read("secret/data/id-grp/app", token)).isEqualTo(403);

        JsonNode g = data(DevPlatform.api("POST", "identity/group", Map.of("name", "id-readers", "policies", "id-grp",
                "member_entity_ids", List.of(entity), "metadata", Map.of("tier", "gold")), ROOT));
        String group = g.path("id").asString();
        assertThat(read("secret/data/id-grp/app", token)).as("the same token, right after the group change").isEqualTo(200);
        VaultTemplate vault = DevPlatform.vault(token);
        assertThat(vault.opsForVersionedKeyValue("secret").get("id-grp/app").getRequiredData()).containsEntry("k", "group");

        JsonNode self = data(DevPlatform.api("GET", "auth/token/lookup-self", null, token));
        assertThat(self.path("identity_policies").toString()).isEqualTo("[\"id-grp\"]");
        assertThat(self.path("policies").toString()).as("the token's own").isEqualTo("[\"default\"]");
        JsonNode caps = data(DevPlatform.api("POST", "sys/capabilities-self", Map.of("paths", List.of("secret/data/id-grp/app")), token));
        assertThat(caps.path("capabilities").toString()).isEqualTo("[\"read\"]");
        JsonNode loginAuth = DevPlatform.api("POST", "auth/id-up/login/grouped", Map.of("password", "pw-grouped"), null).json().path("auth");
        assertThat(loginAuth.path("identity_policies").toString()).isEqualTo("[\"id-grp\"]");
        assertThat(loginAuth.path("policies").toString()).isEqualTo("[\"default\",\"id-grp\"]");

        JsonNode readGroup = data(DevPlatform.api("GET", "identity/group/id/" + group, null, ROOT));
        assertThat(readGroup.path("name").asString()).isEqualTo("id-readers");
        assertThat(readGroup.path("member_entity_ids").toString()).contains(entity);
        assertThat(readGroup.path("metadata").path("tier").asString()).isEqualTo("gold");
        assertThat(readGroup.path("type").asString()).isEqualTo("internal");
        assertThat(data(DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT)).path("direct_group_ids").toString())
                .contains(group);

        assertThat(DevPlatform.api("POST", "identity/group/id/" + group, Map.of("policies", List.of()), ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-grp/app", token)).as("taken away at once").isEqualTo(403);

        // a parent group's policies reach the members of its member groups
        JsonNode parent = data(DevPlatform.api("POST", "identity/group/name/id-parent", Map.of("policies", "id-grp",
                "member_group_ids", group), ROOT));
        String parentId = parent.path("id").asString();
        assertThat(read("secret/data/id-grp/app", token)).isEqualTo(200);
        JsonNode e = data(DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT));
        assertThat(e.path("inherited_group_ids").toString()).contains(parentId);
        assertThat(data(DevPlatform.api("GET", "identity/group/id/" + group, null, ROOT)).path("parent_group_ids").toString())
                .contains(parentId);
        TestHttp.Response cycle = DevPlatform.api("POST", "identity/group/id/" + group, Map.of("member_group_ids", parentId), ROOT);
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/group/id/" + group, Map.of("member_group_ids", group), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/group", Map.of("member_entity_ids", "no-such-entity"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/group", Map.of("type", "no-such-type"), ROOT).status()).isEqualTo(400);

        assertThat(data(DevPlatform.api("POST", "identity/lookup/group", Map.of("name", "id-parent"), ROOT)).path("id").asString())
                .isEqualTo(parentId);
        assertThat(DevPlatform.api("POST", "identity/lookup/group", Map.of("name", "no-such-group"), ROOT).status()).isEqualTo(204);
        assertThat(data(DevPlatform.api("LIST", "identity/group/name", null, ROOT)).path("keys").toString()).contains("\"id-parent\"");

        assertThat(DevPlatform.api("DELETE", "identity/group/name/id-parent", null, ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-grp/app", token)).as("gone with the group").isEqualTo(403);
        assertThat(DevPlatform.api("GET", "identity/group/name/id-parent", null, ROOT).status()).isEqualTo(404);
    }

    @Test
    void templatedPathsAreFilledInForEachCallersEntity() {
        policy("id-tpl", """
                path "secret/data/id-tpl/{{identity.entity.name}}/*" { capabilities = ["read", "create", "update"] }
                path "secret/data/id-tpl/alias/{{identity.entity.aliases.%s.name}}" { capabilities = ["create", "update", "read"] }
                path "secret/data/id-tpl/team/{{identity.entity.metadata.team}}" { capabilities = ["create", "update", "read"] }
                path "secret/data/id-tpl/group/{{identity.groups.names.id-tpl-group.id}}" { capabilities = ["create", "update", "read"] }
                path "secret/data/id-tpl/id/{{identity.entity.id}}" { capabilities = ["create", "update", "read"] }
                """.formatted(userpass));
        user("id-up", "tina");
        user("id-up", "tom");
        String tina = login("id-up", "tina");
        String tom = login("id-up", "tom");
        String tinaEntity = entityOf(tina);
        String tomEntity = entityOf(tom);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + tinaEntity, Map.of("name", "tina-e", "policies", "id-tpl",
                "metadata", Map.of("team", "blue")), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + tomEntity, Map.of("name", "tom-e", "policies", "id-tpl"), ROOT).status())
                .isEqualTo(204);
        String group = data(DevPlatform.api("POST", "identity/group", Map.of("name", "id-tpl-group", "member_entity_ids", tinaEntity), ROOT))
                .path("id").asString();

        VaultTemplate asTina = DevPlatform.vault(tina);
        asTina.opsForVersionedKeyValue("secret").put("id-tpl/tina-e/notes", Map.of("k", "tina"));
        assertThat(asTina.opsForVersionedKeyValue("secret").get("id-tpl/tina-e/notes").getRequiredData()).containsEntry("k", "tina");
        assertThatThrownBy(() -> asTina.opsForVersionedKeyValue("secret").get("id-tpl/tom-e/notes")).hasMessageContaining("403");
        DevPlatform.vault(tom).opsForVersionedKeyValue("secret").put("id-tpl/tom-e/notes", Map.of("k", "tom"));

        Map<String, Object> body = Map.of("data", Map.of("k", "v"));
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/alias/tina", body, tina).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/alias/tom", body, tina).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/team/blue", body, tina).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/team/blue", body, tom).status()).as("tom has no team: path dropped")
                .isEqualTo(403);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/group/" + group, body, tina).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/group/" + group, body, tom).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/id/" + tomEntity, body, tom).status()).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/id/" + tomEntity, body, tina).status()).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "secret/data/id-tpl/id/%7B%7Bidentity.entity.id%7D%7D", body, ROOT).status()).isEqualTo(200);
        assertThat(DevPlatform.api("GET", "secret/data/id-tpl/id/%7B%7Bidentity.entity.id%7D%7D", null, tom).status())
                .as("the template's own text matches nothing").isEqualTo(403);

        // a change of the entity applies at once: renamed, tina's old path is no longer hers
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + tinaEntity, Map.of("name", "tina-new"), ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-tpl/tina-e/notes", tina)).isEqualTo(403);

        // a token without an entity gets nothing from templated paths
        String plain = DevPlatform.api("POST", "auth/token/create", Map.of("policies", "id-tpl"), ROOT).json().path("auth")
                .path("client_token").asString();
        assertThat(read("secret/data/id-tpl/id/" + tomEntity, plain)).isEqualTo(403);
    }

    @Test
    void aDisabledEntitysTokensAreDeniedUntilItIsEnabledAgain() {
        policy("id-dis", "path \"secret/data/id-grp/*\" { capabilities = [\"read\"] }\npath \"auth/token/create\" { capabilities = [\"update\"] }");
        user("id-up", "dora");
        String token = login("id-up", "dora");
        String entity = entityOf(token);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + entity, Map.of("policies", "id-dis"), ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-grp/app", token)).isEqualTo(200);
        TestHttp.Response created = DevPlatform.api("POST", "auth/token/create", Map.of("ttl", "10m"), token);
        String child = created.json().path("auth").path("client_token").asString();
        assertThat(entityOf(child)).as("a child token belongs to its parent's entity").isEqualTo(entity);
        assertThat(read("secret/data/id-grp/app", child)).isEqualTo(200);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + entity, Map.of("disabled", true), ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-grp/app", token)).isEqualTo(403);
        assertThat(read("secret/data/id-grp/app", child)).as("disabling reaches children too").isEqualTo(403);
        assertThat(read("auth/token/lookup-self", token)).isEqualTo(403);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + entity, Map.of("disabled", false), ROOT).status()).isEqualTo(204);
        assertThat(read("secret/data/id-grp/app", token)).isEqualTo(200);
    }

    @Test
    void mergingMovesAliasesPoliciesAndGroupsAndTheMergedEntitysTokensFollow() {
        policy("id-merge", "path \"secret/data/id-grp/*\" { capabilities = [\"read\"] }");
        user("id-up", "mia");
        user("id-up2", "mia");
        String first = login("id-up", "mia");
        String second = login("id-up2", "mia");
        String to = entityOf(first);
        String from = entityOf(second);
        assertThat(to).isNotEqualTo(from);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + to, Map.of("policies", "id-merge"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "identity/entity/id/" + from, Map.of("policies", "p-from"), ROOT).status()).isEqualTo(204);
        String group = data(DevPlatform.api("POST", "identity/group", Map.of("member_entity_ids", from), ROOT)).path("id").asString();
        assertThat(read("secret/data/id-grp/app", second)).isEqualTo(403);

        assertThat(DevPlatform.api("POST", "identity/entity/merge", Map.of("to_entity_id", to, "from_entity_ids", List.of(from)), ROOT)
                .status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "identity/entity/id/" + from, null, ROOT).status()).isEqualTo(404);
        JsonNode merged = data(DevPlatform.api("GET", "identity/entity/id/" + to, null, ROOT));
        List<String> mounts = new ArrayList<>();
        merged.path("aliases").forEach(a -> mounts.add(a.path("mount_accessor").asString()));
        assertThat(mounts).containsExactlyInAnyOrder(userpass, userpass2);
        assertThat(merged.path("policies").toString()).isEqualTo("[\"id-merge\",\"p-from\"]");
        assertThat(merged.path("merged_entity_ids").toString()).contains(from);
        assertThat(merged.path("direct_group_ids").toString()).contains(group);
        assertThat(read("secret/data/id-grp/app", second)).as("the merged entity's token now has the surviving entity's policies")
                .isEqualTo(200);
        assertThat(entityOf(login("id-up2", "mia"))).as("the moved alias logs in to the surviving entity").isEqualTo(to);

        // two aliases on one mount clash unless one is chosen
        user("id-up", "max");
        String other = entityOf(login("id-up", "max"));
        TestHttp.Response clash = DevPlatform.api("POST", "identity/entity/merge", Map.of("to_entity_id", to, "from_entity_ids", other), ROOT);
        assertThat(clash.status()).isEqualTo(400);
        assertThat(clash.json().path("errors").get(0).asString()).contains("same mount accessor");
        String keep = data(DevPlatform.api("GET", "identity/entity/id/" + other, null, ROOT)).path("aliases").get(0).path("id").asString();
        assertThat(DevPlatform.api("POST", "identity/entity/merge", Map.of("to_entity_id", to, "from_entity_ids", other,
                "conflicting_alias_ids_to_keep", keep), ROOT).status()).isEqualTo(204);
        assertThat(entityOf(login("id-up", "max"))).isEqualTo(to);
        TestHttp.Response self = DevPlatform.api("POST", "identity/entity/merge", Map.of("to_entity_id", to, "from_entity_ids", to), ROOT);
        assertThat(self.status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/entity/merge", Map.of("to_entity_id", to), ROOT).status()).isEqualTo(400);
    }

    @Test
    void appRoleLoginsGetAnEntityWhoseAliasIsTheRoleId() {
        assertThat(DevPlatform.api("POST", "sys/auth/id-ar", Map.of("type", "approle"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/id-ar/role/svc", Map.of("token_ttl", "10m"), ROOT).status()).isEqualTo(204);
        AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder().path("id-ar").appRole("svc")
                .roleId(RoleId.pull(VaultToken.of(ROOT))).secretId(SecretId.pull(VaultToken.of(ROOT))).build();
        String token = new AppRoleAuthentication(options, DevPlatform.loginClient()).login().getToken();
        String entity = entityOf(token);
        String roleId = data(DevPlatform.api("GET", "auth/id-ar/role/svc/role-id", null, ROOT)).path("role_id").asString();
        JsonNode alias = data(DevPlatform.api("GET", "identity/entity/id/" + entity, null, ROOT)).path("aliases").get(0);
        assertThat(alias.path("name").asString()).isEqualTo(roleId);
        assertThat(alias.path("mount_type").asString()).isEqualTo("approle");
        assertThat(alias.path("metadata").path("role_name").asString()).isEqualTo("svc");
    }
}
