package dev.arca.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokenIntegrationTests extends IdentityIntegrationTestSupport {

    @Test
    void revokingAParentRevokesItsChildrenAndPublishesEachAccessor() throws Exception {
        Token root = root();
        TestHttp.Response created = call("POST", "/v1/auth/token/create", Map.of("policies", List.of("web"), "ttl", "1h"), root);
        assertThat(created.status()).isEqualTo(200);
        JsonNode auth = created.json().get("auth");
        assertThat(auth.get("client_token").asString()).startsWith("hvs.").hasSizeGreaterThanOrEqualTo(28);
        assertThat(auth.get("accessor").asString()).hasSize(24);
        assertThat(auth.get("policies").toString()).isEqualTo("[\"default\",\"web\"]");
        assertThat(auth.get("lease_duration").asLong()).isEqualTo(3600);
        assertThat(auth.get("renewable").asBoolean()).isTrue();
        assertThat(auth.get("orphan").asBoolean()).isFalse();
        assertThat(auth.get("token_type").asString()).isEqualTo("service");
        assertThat(created.json().get("warnings").toString()).contains("Policy \\\"web\\\" does not exist");
        Token parent = new Token(auth.get("client_token").asString(), auth.get("accessor").asString(), List.of("default", "web"));
        Token child = create(parent, Map.of("policies", List.of("web")));
        Token grandchild = create(child, Map.of());

        assertThat(resolve(child.id()).status()).isEqualTo(200);
        List<String> seen = notificationsDuring(() -> assertThat(call("POST", "/v1/auth/token/revoke",
                Map.of("token", parent.id()), root).status()).isEqualTo(204), "token:" + grandchild.accessor());

        assertThat(seen).contains("token:" + parent.accessor(), "token:" + child.accessor(), "token:" + grandchild.accessor());
        assertThat(resolve(parent.id()).status()).isEqualTo(403);
        assertThat(resolve(child.id()).status()).isEqualTo(403);
        assertThat(resolve(grandchild.id()).json().get("errors").get(0).asString()).contains("permission denied");
    }

    @Test
    void numUsesCountsDownOnEveryResolveAndTheTokenIsGoneAtZero() {
        Token root = root();
        Token limited = create(root, Map.of("policies", "web", "num_uses", "2"));
        TestHttp.Response first = resolve(limited.id());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("cacheable").asBoolean()).isFalse();
        TestHttp.Response looked = call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", limited.accessor()), root);
        assertThat(looked.json().get("data").get("num_uses").asInt()).isEqualTo(1);
        assertThat(looked.json().get("data").get("id").asString()).isEmpty();
        assertThat(resolve(limited.id()).status()).isEqualTo(200);
        assertThat(resolve(limited.id()).status()).isEqualTo(403);

        TestHttp.Response unlimited = resolve(root.id());
        assertThat(unlimited.json().get("cacheable").asBoolean()).isTrue();
        assertThat(unlimited.json().get("expire_time").asLong()).isZero();
        assertThat(unlimited.json().get("policies").toString()).isEqualTo("[\"root\"]");
    }

    @Test
    void anExpiredTokenIsRefusedAtOnce() {
        Token shortLived = create(root(), Map.of("policies", List.of("web"), "ttl", 1));
        TestHttp.Response ok = resolve(shortLived.id());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("expire_time").asLong()).isPositive();
        await(Duration.ofSeconds(5), () -> resolve(shortLived.id()).status() == 403);
        assertThat(jdbc.sql("SELECT count(*) FROM tokens WHERE accessor = ?").param(shortLived.accessor()).query(Long.class).single()).isZero();
    }

    @Test
    void aNonRootParentCanOnlyGiveASubsetOfItsPolicies() {
        Token root = root();
        Token parent = create(root, Map.of("policies", List.of("web", "db")));
        TestHttp.Response refused = call("POST", "/v1/auth/token/create", Map.of("policies", List.of("web", "admin")), parent);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).asString()).isEqualTo("child policies must be subset of parent");
        assertThat(call("POST", "/v1/auth/token/create", Map.of("policies", List.of("root")), parent).status()).isEqualTo(400);
        assertThat(create(parent, Map.of("policies", List.of("web"))).policies()).containsExactly("default", "web");
        assertThat(create(parent, Map.of("policies", List.of("web"), "no_default_policy", true)).policies()).containsExactly("web");
        assertThat(create(parent, Map.of()).policies()).containsExactly("db", "default", "web");

        TestHttp.Response noParent = call("POST", "/v1/auth/token/create", Map.of("no_parent", true), parent);
        assertThat(noParent.json().get("errors").get(0).asString()).isEqualTo("root or sudo privileges required to create orphan token");
        TestHttp.Response orphan = call("POST", "/v1/auth/token/create-orphan", Map.of("policies", "web"), parent);
        assertThat(orphan.json().get("auth").get("orphan").asBoolean()).isTrue();
    }

    @Test
    void tokenIdsAreStoredOnlyAsKeyedHashes() {
        Token t = create(root(), Map.of("policies", List.of("web")));
        byte[] hash = jdbc.sql("SELECT token_hash FROM tokens WHERE accessor = ?").param(t.accessor()).query(byte[].class).single();
        assertThat(hash).hasSize(32);
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(t.id().substring(4));
        Long plain = jdbc.sql("SELECT count(*) FROM tokens WHERE CAST(tokens.* AS TEXT) LIKE ?")
                .param("%" + t.id().substring(4) + "%").query(Long.class).single();
        assertThat(plain).isZero();
        byte[] key = jdbc.sql("SELECT ciphertext FROM hmac_key WHERE id = 1").query(byte[].class).single();
        assertThat(key.length).isGreaterThan(32);
    }

    @Test
    void metadataIsStoredOnlyEncryptedAndBoundToItsRow() {
        Token root = root();
        String secret = "meta-" + java.util.UUID.randomUUID();
        Token t = create(root, Map.of("policies", List.of("web"), "meta", Map.of("owner", secret)));
        Map<String, Object> raw = jdbc.sql("SELECT meta, meta_sealed, CAST(tokens.* AS TEXT) AS whole FROM tokens WHERE accessor = ?")
                .param(t.accessor()).query().singleRow();
        assertThat(raw.get("meta")).isNull();
        assertThat((byte[]) raw.get("meta_sealed")).isNotEmpty();
        assertThat(new String((byte[]) raw.get("meta_sealed"), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat((String) raw.get("whole")).doesNotContain(secret);
        TestHttp.Response looked = call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", t.accessor()), root);
        assertThat(looked.json().path("data").path("meta").path("owner").asString()).isEqualTo(secret);

        // a ciphertext moved to another token's row does not decrypt there
        Token other = create(root, Map.of("policies", List.of("web"), "meta", Map.of("owner", "someone else")));
        jdbc.sql("UPDATE tokens SET meta_sealed = ? WHERE accessor = ?").params(raw.get("meta_sealed"), other.accessor()).update();
        assertThat(call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", other.accessor()), root).body())
                .doesNotContain(secret);

        // metadata stored in plaintext before it was sealed is re-encrypted, and still reads the same
        Token legacy = create(root, Map.of("policies", List.of("web")));
        jdbc.sql("UPDATE tokens SET meta = ?, meta_sealed = NULL WHERE accessor = ?").params("{\"team\":\"" + secret + "\"}", legacy.accessor()).update();
        assertThat(call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", legacy.accessor()), root)
                .json().path("data").path("meta").path("team").asString()).isEqualTo(secret);
        await(Duration.ofSeconds(30), () -> jdbc.sql("SELECT count(*) FROM tokens WHERE meta IS NOT NULL").query(Long.class).single() == 0);
        assertThat(call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", legacy.accessor()), root)
                .json().path("data").path("meta").path("team").asString()).isEqualTo(secret);
    }

    @Test
    void lookupSelfAndLookupHaveVaultsShape() {
        Token root = root();
        Token t = create(root, Map.of("policies", "web", "ttl", "2h", "display_name", "my app", "meta", Map.of("user", "armon"),
                "explicit_max_ttl", "3h"));
        JsonNode self = call("GET", "/v1/auth/token/lookup-self", null, t).json().get("data");
        assertThat(self.get("id").asString()).isEqualTo(t.id());
        assertThat(self.get("accessor").asString()).isEqualTo(t.accessor());
        assertThat(self.get("display_name").asString()).isEqualTo("token-my-app");
        assertThat(self.get("creation_ttl").asLong()).isEqualTo(7200);
        assertThat(self.get("ttl").asLong()).isBetween(7190L, 7200L);
        assertThat(self.get("explicit_max_ttl").asLong()).isEqualTo(10800);
        assertThat(self.get("expire_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(self.get("meta").get("user").asString()).isEqualTo("armon");
        assertThat(self.get("path").asString()).isEqualTo("auth/token/create");
        assertThat(self.get("type").asString()).isEqualTo("service");
        assertThat(self.get("orphan").asBoolean()).isFalse();
        assertThat(self.has("issue_time") && self.has("creation_time") && self.has("entity_id") && self.has("num_uses")).isTrue();

        JsonNode rootSelf = call("POST", "/v1/auth/token/lookup-self", null, root).json().get("data");
        assertThat(rootSelf.get("expire_time").isNull()).isTrue();
        assertThat(rootSelf.get("ttl").asLong()).isZero();
        assertThat(rootSelf.get("orphan").asBoolean()).isTrue();

        assertThat(call("POST", "/v1/auth/token/lookup", Map.of("token", t.id()), root).json().get("data").get("id").asString()).isEqualTo(t.id());
        assertThat(call("POST", "/v1/auth/token/lookup", Map.of("token", "hvs.nope"), root).status()).isEqualTo(403);
        assertThat(call("POST", "/v1/auth/token/lookup-accessor", Map.of("accessor", "nope"), root).status()).isEqualTo(400);
        Token impostor = new Token("hvs.wrong", t.accessor(), t.policies());
        assertThat(call("GET", "/v1/auth/token/lookup-self", null, impostor).status()).isEqualTo(403);
    }

    @Test
    void renewalRespectsIncrementsExplicitMaxAndRenewability() {
        Token root = root();
        Token t = create(root, Map.of("policies", "web", "ttl", "10m", "explicit_max_ttl", "1h"));
        TestHttp.Response renewed = call("POST", "/v1/auth/token/renew-self", Map.of("increment", "30m"), t);
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.json().get("auth").get("lease_duration").asLong()).isEqualTo(1800);
        assertThat(renewed.json().get("auth").get("client_token").asString()).isEqualTo(t.id());
        TestHttp.Response capped = call("POST", "/v1/auth/token/renew", Map.of("token", t.id(), "increment", 7200), root);
        assertThat(capped.json().get("auth").get("lease_duration").asLong()).isBetween(3590L, 3600L);

        Token fixed = create(root, Map.of("policies", "web", "renewable", "false"));
        TestHttp.Response refused = call("POST", "/v1/auth/token/renew-self", Map.of(), fixed);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).asString()).isEqualTo("lease is not renewable");
    }

    @Test
    void childExpiryIsCappedByTheParents() {
        Token root = root();
        Token parent = create(root, Map.of("policies", "web", "ttl", "1h"));
        TestHttp.Response child = call("POST", "/v1/auth/token/create", Map.of("policies", "web", "ttl", "5h"), parent);
        assertThat(child.json().get("auth").get("lease_duration").asLong()).isBetween(3590L, 3600L);
    }

    @Test
    void revokeOrphanKeepsChildrenAliveAsOrphansAndSelfRevocationWorks() {
        Token root = root();
        Token parent = create(root, Map.of("policies", "web"));
        Token child = create(parent, Map.of());
        assertThat(call("POST", "/v1/auth/token/revoke-orphan", Map.of("token", parent.id()), parent).status()).isEqualTo(403);
        assertThat(call("POST", "/v1/auth/token/revoke-orphan", Map.of("token", parent.id()), root).status()).isEqualTo(204);
        assertThat(resolve(parent.id()).status()).isEqualTo(403);
        assertThat(resolve(child.id()).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/auth/token/lookup-self", null, child).json().get("data").get("orphan").asBoolean()).isTrue();

        assertThat(call("POST", "/v1/auth/token/revoke-self", null, child).status()).isEqualTo(204);
        assertThat(resolve(child.id()).status()).isEqualTo(403);

        Token other = create(root, Map.of("policies", "web"));
        assertThat(call("POST", "/v1/auth/token/revoke-accessor", Map.of("accessor", other.accessor()), root).status()).isEqualTo(204);
        assertThat(resolve(other.id()).status()).isEqualTo(403);
        assertThat(call("POST", "/v1/auth/token/revoke-accessor", Map.of("accessor", other.accessor()), root).status()).isEqualTo(400);
    }

    @Test
    void rootTokenWithAChosenIdAndAccessorListing() {
        TestHttp.Response r = http.send("POST", "/internal/tokens/root", Map.of("id", "dev-only-root"), "Authorization", internalAuth());
        assertThat(r.json().get("client_token").asString()).isEqualTo("dev-only-root");
        assertThat(resolve("dev-only-root").json().get("policies").toString()).isEqualTo("[\"root\"]");
        Token root = new Token("dev-only-root", r.json().get("accessor").asString(), List.of("root"));
        TestHttp.Response list = call("GET", "/v1/auth/token/accessors?list=true", null, root);
        assertThat(list.json().get("data").get("keys").toString()).contains(root.accessor());
        Token plain = create(root, Map.of("policies", "web"));
        assertThat(call("GET", "/v1/auth/token/accessors?list=true", null, plain).status()).isEqualTo(403);
        assertThat(resolve("").status()).isEqualTo(403);
    }

    @Test
    void refusesEverythingWhileSealed() {
        Token root = root();
        barrier.seal();
        try {
            assertThat(resolve(root.id()).status()).isEqualTo(503);
            assertThat(call("GET", "/v1/auth/token/lookup-self", null, root).status()).isEqualTo(503);
        } finally {
            unsealWithCopy(barrier);
        }
        assertThat(resolve(root.id()).status()).isEqualTo(200);
    }
}
