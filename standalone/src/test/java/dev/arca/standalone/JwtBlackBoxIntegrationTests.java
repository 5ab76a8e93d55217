package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.JwtAuthentication;
import org.springframework.vault.authentication.JwtAuthenticationOptions;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/**
 * The jwt/oidc auth method against an OpenID Connect provider running in the test (mock-oauth2-server,
 * keys made at test time): a CI job logging in with a token shaped like GitHub Actions' (spring-vault-core's
 * JwtAuthentication), GitLab CI and Kubernetes tokens against static keys with list and JSON pointer
 * bound claims, refused tokens, a person logging in through the browser flow over HTTP, and a
 * groups claim making the entity a member of an external group whose policy then applies.
 */
class JwtBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final String GH_AUD = "https://github.com/octo-org";
    private static final String CLI_REDIRECT = "http://localhost:8250/oidc/callback";
    private static final HttpClient BROWSER = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern FORM_FIELD = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\"/>");
    private static final Pattern FORM_ACTION = Pattern.compile("<form action=\"([^\"]*)\"");
    private static OidcProvider provider;

    @BeforeAll
    static void start() {
        provider = new OidcProvider();
        ok(DevPlatform.api("PUT", "sys/policies/acl/jwt-deploy", Map.of("policy", "path \"secret/data/jwt-bb/deploy\" { capabilities = [\"read\"] }"),
                ROOT));
        ok(DevPlatform.api("PUT", "sys/policies/acl/jwt-eng", Map.of("policy", "path \"secret/data/jwt-bb/eng\" { capabilities = [\"read\"] }"),
                ROOT));
        DevPlatform.root().opsForVersionedKeyValue("secret").put("jwt-bb/deploy", Map.of("k", "deploy"));
        DevPlatform.root().opsForVersionedKeyValue("secret").put("jwt-bb/eng", Map.of("k", "eng"));

        ok(DevPlatform.api("POST", "sys/auth/jwt-gh", Map.of("type", "jwt"), ROOT));
        ok(DevPlatform.api("POST", "auth/jwt-gh/config", Map.of("oidc_discovery_url", provider.issuer(), "bound_issuer", provider.issuer()),
                ROOT));
        ok(DevPlatform.api("POST", "auth/jwt-gh/role/deploy", Map.of("role_type", "jwt", "bound_audiences", GH_AUD, "user_claim", "actor",
                "bound_claims_type", "glob", "bound_claims", Map.of("sub", "repo:octo-org/*:ref:refs/heads/main", "repository_owner", "octo-org"),
                "claim_mappings", Map.of("repository", "repository", "/environment", "environment"), "token_policies", "jwt-deploy",
                "token_ttl", "10m"), ROOT));
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private static void ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isIn(200, 204);
    }

    /** Claims shaped like a GitHub Actions OIDC token, with these changes. */
    private static Map<String, Object> github(Object... changes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "repo:octo-org/octo-repo:ref:refs/heads/main");
        c.put("aud", GH_AUD);
        c.put("repository", "octo-org/octo-repo");
        c.put("repository_owner", "octo-org");
        c.put("ref", "refs/heads/main");
        c.put("workflow", "deploy");
        c.put("actor", "octocat");
        c.put("environment", "prod");
        c.put("event_name", "push");
        c.put("run_id", "4242");
        c.put("job_workflow_ref", "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main");
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                c.remove((String) changes[i]);
            } else {
                c.put((String) changes[i], changes[i + 1]);
            }
        }
        return c;
    }

    private static TestHttp.Response login(String mount, String role, String jwt) {
        return DevPlatform.api("POST", "auth/" + mount + "/login", role == null ? Map.of("jwt", jwt) : Map.of("role", role, "jwt", jwt), null);
    }

    @Test
    void aCiJobLogsInWithItsGitHubActionsTokenThroughSpringVault() {
        JwtAuthenticationOptions options = JwtAuthenticationOptions.builder().path("jwt-gh").role("deploy").jwt(provider.sign(github())).build();
        VaultToken token = new JwtAuthentication(options, DevPlatform.loginClient()).login();

        assertThat(DevPlatform.vault(token.getToken()).opsForVersionedKeyValue("secret").get("jwt-bb/deploy").getRequiredData())
                .containsEntry("k", "deploy");
        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data");
        assertThat(self.path("meta").path("role").asString()).isEqualTo("deploy");
        assertThat(self.path("meta").path("repository").asString()).isEqualTo("octo-org/octo-repo");
        assertThat(self.path("meta").path("environment").asString()).isEqualTo("prod");
        assertThat(self.path("display_name").asString()).isEqualTo("jwt-gh-octocat");
        assertThat(self.path("policies").toString()).isEqualTo("[\"default\",\"jwt-deploy\"]");
        assertThat(self.path("ttl").asLong()).isBetween(590L, 600L);
        JsonNode entity = DevPlatform.api("GET", "identity/entity/id/" + self.path("entity_id").asString(), null, ROOT).json().path("data");
        assertThat(entity.path("aliases").get(0).path("name").asString()).isEqualTo("octocat");
        assertThat(entity.path("aliases").get(0).path("metadata").path("repository").asString()).isEqualTo("octo-org/octo-repo");
    }

    @Test
    void badTokensAreRefusedWithOneAnswerWhateverTheReason() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("forged signature", provider.forge(github()));
        bad.put("other audience", provider.sign(github("aud", "https://github.com/evil-org")));
        bad.put("expired", provider.sign(github("exp", now - 600, "iat", now - 1200, "nbf", now - 1200)));
        bad.put("not yet valid", provider.sign(github("nbf", now + 600)));
        bad.put("other issuer", provider.sign(github("iss", "https://token.actions.example.com")));
        bad.put("feature branch", provider.sign(github("sub", "repo:octo-org/octo-repo:ref:refs/heads/feature")));
        bad.put("other owner", provider.sign(github("sub", "repo:evil-org/x:ref:refs/heads/main", "repository_owner", "evil-org")));
        bad.put("no user claim", provider.sign(github("actor", null)));
        bad.put("not a JWT", "not-a-jwt");
        bad.forEach((why, jwt) -> {
            TestHttp.Response r = login("jwt-gh", "deploy", jwt);
            assertThat(r.status()).as(why).isEqualTo(400);
            assertThat(r.json().path("errors").get(0).asString()).as(why).isEqualTo("error validating token");
            assertThat(r.body()).as(why).doesNotContain(jwt);
        });

        TestHttp.Response unknown = login("jwt-gh", "nope", provider.sign(github()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).asString()).isEqualTo("role \"nope\" could not be found");
        assertThat(login("jwt-gh", null, provider.sign(github())).json().path("errors").get(0).asString()).isEqualTo("missing role");
        assertThat(DevPlatform.api("POST", "auth/jwt-gh/login", Map.of("role", "deploy"), null).json().path("errors").get(0).asString())
                .isEqualTo("missing token");
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesItsUnknownKid() {
        assertThat(login("jwt-gh", "deploy", provider.sign(github())).status()).isEqualTo(200);
        int fetches = provider.jwksFetches();
        provider.rotate();
        TestHttp.Response r = login("jwt-gh", "deploy", provider.sign(github()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(provider.jwksFetches()).isGreaterThan(fetches);
    }

    @Test
    void gitLabAndKubernetesTokensLogInAgainstStaticKeysWithListAndPointerBoundClaims() {
        String k8s = "cluster";
        ok(DevPlatform.api("POST", "sys/auth/jwt-k8s", Map.of("type", "jwt"), ROOT));
        ok(DevPlatform.api("POST", "auth/jwt-k8s/config", Map.of("jwt_validation_pubkeys", List.of(provider.publicKeyPem(k8s)),
                "bound_issuer", "https://kubernetes.default.svc.cluster.local", "default_role", "api"), ROOT));
        ok(DevPlatform.api("POST", "auth/jwt-k8s/role/api", Map.of("role_type", "jwt", "user_claim", "sub",
                "bound_audiences", "https://kubernetes.default.svc.cluster.local",
                "bound_claims", Map.of("/kubernetes.io/namespace", "payments", "/kubernetes.io/serviceaccount/name", List.of("api", "worker")),
                "claim_mappings", Map.of("/kubernetes.io/pod/name", "pod"), "token_policies", "jwt-deploy"), ROOT));
        Map<String, Object> pod = new LinkedHashMap<>(Map.of("iss", "https://kubernetes.default.svc.cluster.local",
                "sub", "system:serviceaccount:payments:worker", "aud", List.of("https://kubernetes.default.svc.cluster.local"),
                "kubernetes.io", Map.of("namespace", "payments", "pod", Map.of("name", "worker-7d9f", "uid", "p-1"),
                        "serviceaccount", Map.of("name", "worker", "uid", "sa-1"))));
        TestHttp.Response in = login("jwt-k8s", null, provider.signAs(k8s, pod));
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("auth").path("metadata").path("pod").asString()).isEqualTo("worker-7d9f");
        pod.put("kubernetes.io", Map.of("namespace", "default", "serviceaccount", Map.of("name", "worker")));
        assertThat(login("jwt-k8s", null, provider.signAs(k8s, pod)).status()).as("other namespace").isEqualTo(400);
        assertThat(login("jwt-k8s", null, provider.sign(github("iss", "https://kubernetes.default.svc.cluster.local"))).status())
                .as("signed by a key not configured").isEqualTo(400);

        ok(DevPlatform.api("POST", "auth/jwt-k8s/role/gitlab", Map.of("role_type", "jwt", "user_claim", "user_login",
                "bound_audiences", "https://arca.example.com", "bound_claims", Map.of("project_path", List.of("group/app", "group/infra"),
                        "ref_protected", "true", "ref_type", "branch")), ROOT));
        Map<String, Object> job = new LinkedHashMap<>(Map.of("iss", "https://kubernetes.default.svc.cluster.local", "aud", "https://arca.example.com",
                "sub", "project_path:group/infra:ref_type:branch:ref:main", "namespace_path", "group", "project_path", "group/infra",
                "user_login", "dev1", "ref", "main", "ref_type", "branch", "ref_protected", "true"));
        assertThat(login("jwt-k8s", "gitlab", provider.signAs(k8s, job)).status()).isEqualTo(200);
        job.put("ref_protected", "false");
        assertThat(login("jwt-k8s", "gitlab", provider.signAs(k8s, job)).status()).as("unprotected branch").isEqualTo(400);
    }

    @Test
    void configurationIsCheckedAndTheClientSecretNeverReadBack() {
        ok(DevPlatform.api("POST", "sys/auth/jwt-cfg", Map.of("type", "oidc"), ROOT));
        TestHttp.Response two = DevPlatform.api("POST", "auth/jwt-cfg/config", Map.of("oidc_discovery_url", provider.issuer(),
                "jwks_url", provider.jwksUrl()), ROOT);
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().path("errors").get(0).asString())
                .isEqualTo("exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set");
        assertThat(DevPlatform.api("POST", "auth/jwt-cfg/config", Map.of("jwt_validation_pubkeys", "not a key"), ROOT).json().path("errors")
                .get(0).asString()).isEqualTo("error parsing public key");
        assertThat(DevPlatform.api("POST", "auth/jwt-cfg/config", Map.of("jwks_url", "http://127.0.0.1:1/jwks"), ROOT).json().path("errors")
                .get(0).asString()).isEqualTo("error checking jwks URL");
        ok(DevPlatform.api("POST", "auth/jwt-cfg/config", Map.of("oidc_discovery_url", provider.issuer(), "oidc_client_id",
                OidcProvider.CLIENT_ID, "oidc_client_secret", provider.clientSecret()), ROOT));
        TestHttp.Response read = DevPlatform.api("GET", "auth/jwt-cfg/config", null, ROOT);
        assertThat(read.json().path("data").path("oidc_client_id").asString()).isEqualTo(OidcProvider.CLIENT_ID);
        assertThat(read.body()).doesNotContain(provider.clientSecret()).doesNotContain("oidc_client_secret");
        assertThat(DevPlatform.api("POST", "auth/jwt-cfg/role/r", Map.of("role_type", "jwt", "user_claim", "sub"), ROOT).json().path("errors")
                .get(0).asString()).isEqualTo("must have at least one bound constraint when creating/updating a role");
        assertThat(DevPlatform.api("POST", "auth/jwt-cfg/role/r", Map.of("bound_audiences", "x"), ROOT).json().path("errors").get(0)
                .asString()).isEqualTo("a user claim must be defined on the role");
        assertThat(DevPlatform.api("POST", "auth/jwt-cfg/role/r", Map.of("user_claim", "sub", "clock_skew_leeway", -2), ROOT).status())
                .isEqualTo(400);
        ok(DevPlatform.api("POST", "auth/jwt-cfg/role/r", Map.of("user_claim", "email", "allowed_redirect_uris", CLI_REDIRECT,
                "not_before_leeway", -1), ROOT));
        JsonNode role = DevPlatform.api("GET", "auth/jwt-cfg/role/r", null, ROOT).json().path("data");
        assertThat(role.path("role_type").asString()).isEqualTo("oidc");
        assertThat(role.path("expiration_leeway").asLong()).isEqualTo(150);
        assertThat(role.path("not_before_leeway").asLong()).as("-1: no leeway").isEqualTo(-1);
        assertThat(DevPlatform.api("LIST", "auth/jwt-cfg/role", null, ROOT).json().path("data").path("keys").toString()).isEqualTo("[\"r\"]");
    }

    @Test
    void aPersonLogsInThroughTheBrowserAndTheirGroupsClaimGrantsAnExternalGroupsPolicy() throws Exception {
        ok(DevPlatform.api("POST", "sys/auth/oidc-bb", Map.of("type", "oidc"), ROOT));
        ok(DevPlatform.api("POST", "auth/oidc-bb/config", Map.of("oidc_discovery_url", provider.issuer(), "oidc_client_id",
                OidcProvider.CLIENT_ID, "oidc_client_secret", provider.clientSecret(), "default_role", "person"), ROOT));
        ok(DevPlatform.api("POST", "auth/oidc-bb/role/person", Map.of("user_claim", "email", "groups_claim", "groups",
                "oidc_scopes", "profile,email", "allowed_redirect_uris", List.of(CLI_REDIRECT, "https://arca.example.com/ui/callback"),
                "claim_mappings", Map.of("name", "name"), "token_ttl", "1h"), ROOT));
        String accessor = DevPlatform.api("GET", "sys/auth", null, ROOT).json().path("data").path("oidc-bb/").path("accessor").asString();
        JsonNode group = DevPlatform.api("POST", "identity/group", Map.of("name", "engineering-ext", "type", "external",
                "policies", "jwt-eng"), ROOT).json().path("data");
        JsonNode alias = DevPlatform.api("POST", "identity/group-alias", Map.of("name", "engineering", "mount_accessor", accessor,
                "canonical_id", group.path("id").asString()), ROOT).json().path("data");
        assertThat(alias.path("canonical_id").asString()).isEqualTo(group.path("id").asString());

        provider.signInAs(Map.of("sub", "u-1", "email", "ada@example.com", "name", "Ada", "groups", List.of("engineering", "staff")));
        String token = browserLogin("oidc-bb", null);
        RecordedRequest exchange = provider.tokenRequests().getLast();
        assertThat(exchange.getHeader("Authorization")).as("client_secret_basic").isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((OidcProvider.CLIENT_ID + ":" + provider.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        assertThat(exchange.getBody().readUtf8()).contains("grant_type=authorization_code").contains("code_verifier=");
        assertThat(DevPlatform.vault(token).opsForVersionedKeyValue("secret").get("jwt-bb/eng").getRequiredData()).containsEntry("k", "eng");
        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token).json().path("data");
        assertThat(self.path("meta").path("name").asString()).isEqualTo("Ada");
        assertThat(self.path("identity_policies").toString()).contains("jwt-eng");
        JsonNode read = DevPlatform.api("GET", "identity/group/id/" + group.path("id").asString(), null, ROOT).json().path("data");
        assertThat(read.path("type").asString()).isEqualTo("external");
        assertThat(read.path("alias").path("name").asString()).isEqualTo("engineering");
        assertThat(read.path("member_entity_ids").toString()).contains(self.path("entity_id").asString());

        // Leaving the group at the provider takes the policy away at the next login.
        provider.signInAs(Map.of("sub", "u-1", "email", "ada@example.com", "groups", List.of("staff")));
        String later = browserLogin("oidc-bb", null);
        assertThat(DevPlatform.api("GET", "secret/data/jwt-bb/eng", null, later).status()).isEqualTo(403);
        assertThat(DevPlatform.api("GET", "identity/group/id/" + group.path("id").asString(), null, ROOT).json().path("data")
                .path("member_entity_ids").toString()).doesNotContain(self.path("entity_id").asString());
        JsonNode aliasNow = DevPlatform.api("GET", "identity/entity/id/" + self.path("entity_id").asString(), null, ROOT).json().path("data")
                .path("aliases").get(0);
        assertThat(aliasNow.path("metadata").isNull()).as("the alias's metadata is the last login's (no name claim now)").isTrue();
    }

    @Test
    void theBrowserFlowChecksRedirectsStatesAndClientNonces() throws Exception {
        ok(DevPlatform.api("POST", "sys/auth/oidc-st", Map.of("type", "oidc"), ROOT));
        ok(DevPlatform.api("POST", "auth/oidc-st/config", Map.of("oidc_discovery_url", provider.issuer(), "oidc_client_id",
                OidcProvider.CLIENT_ID, "oidc_client_secret", provider.clientSecret(), "oidc_response_mode", "form_post"), ROOT));
        ok(DevPlatform.api("POST", "auth/oidc-st/role/p", Map.of("user_claim", "email", "allowed_redirect_uris", CLI_REDIRECT), ROOT));

        JsonNode other = DevPlatform.api("POST", "auth/oidc-st/oidc/auth_url", Map.of("role", "p", "redirect_uri", "https://evil.example.com/cb"),
                null).json();
        assertThat(other.path("data").path("auth_url").asString()).isEmpty();
        String portless = DevPlatform.api("POST", "auth/oidc-st/oidc/auth_url", Map.of("role", "p", "redirect_uri",
                "http://localhost:53123/oidc/callback"), null).json().path("data").path("auth_url").asString();
        assertThat(portless).as("loopback redirects match whatever the port").startsWith(provider.issuer() + "/authorize?");
        assertThat(query(portless)).containsEntry("response_mode", "form_post").containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");

        Map<String, String> back = authorize("oidc-st", "p", "cn-1");
        TestHttp.Response wrongNonce = DevPlatform.http().send("POST", "/v1/auth/oidc-st/oidc/callback",
                Map.of("state", back.get("state"), "code", back.get("code"), "client_nonce", "cn-2"));
        assertThat(wrongNonce.json().path("errors").get(0).asString()).isEqualTo("invalid client_nonce");
        TestHttp.Response reused = DevPlatform.http().send("POST", "/v1/auth/oidc-st/oidc/callback",
                Map.of("state", back.get("state"), "code", back.get("code"), "client_nonce", "cn-1"));
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("errors").get(0).asString()).as("a state is single-use").isEqualTo("Vault login failed. Expired or missing OAuth state.");

        Map<String, String> denied = authorize("oidc-st", "p", "");
        TestHttp.Response refused = DevPlatform.http().send("POST", "/v1/auth/oidc-st/oidc/callback", Map.of("state", denied.get("state"),
                "error", "access_denied", "error_description", "The user <b>declined</b> " + "x".repeat(300)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).asString()).startsWith("Vault login failed. The user bdeclinedb xxx").hasSize(220);

        // form_post: the provider answers a form that the browser posts to the callback.
        provider.signInAs(Map.of("sub", "u-2", "email", "bob@example.com"));
        Map<String, String> again = authorize("oidc-st", "p", "");
        HttpResponse<String> posted = BROWSER.send(HttpRequest.newBuilder(URI.create(DevPlatform.address() + "/v1/auth/oidc-st/oidc/callback"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("state=" + enc(again.get("state")) + "&code=" + enc(again.get("code")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(TestHttp.JSON.readTree(posted.body()).path("auth").path("client_token").asString()).startsWith("hvs.");

        TestHttp.Response jwtLogin = login("oidc-st", "p", provider.sign(Map.of("email", "bob@example.com")));
        assertThat(jwtLogin.json().path("errors").get(0).asString()).isEqualTo("role with oidc role_type is not allowed");
    }

    @Test
    void groupAliasesAreCreatedReadUpdatedListedAndDeletedInVaultsShapes() {
        ok(DevPlatform.api("POST", "sys/auth/jwt-ga", Map.of("type", "jwt"), ROOT));
        String accessor = DevPlatform.api("GET", "sys/auth", null, ROOT).json().path("data").path("jwt-ga/").path("accessor").asString();
        JsonNode made = DevPlatform.api("POST", "identity/group-alias", Map.of("name", "admins", "mount_accessor", accessor), ROOT).json()
                .path("data");
        String id = made.path("id").asString();
        JsonNode group = DevPlatform.api("GET", "identity/group/id/" + made.path("canonical_id").asString(), null, ROOT).json().path("data");
        assertThat(group.path("type").asString()).as("an alias without canonical_id makes its external group").isEqualTo("external");
        assertThat(group.path("alias").path("id").asString()).isEqualTo(id);

        JsonNode read = DevPlatform.api("GET", "identity/group-alias/id/" + id, null, ROOT).json().path("data");
        assertThat(read.path("name").asString()).isEqualTo("admins");
        assertThat(read.path("mount_accessor").asString()).isEqualTo(accessor);
        assertThat(read.path("canonical_id").asString()).isEqualTo(made.path("canonical_id").asString());
        assertThat(read.has("creation_time")).isTrue();
        ok(DevPlatform.api("POST", "identity/group-alias/id/" + id, Map.of("name", "administrators"), ROOT));
        assertThat(DevPlatform.api("GET", "identity/group-alias/id/" + id, null, ROOT).json().path("data").path("name").asString())
                .isEqualTo("administrators");
        assertThat(DevPlatform.api("LIST", "identity/group-alias/id", null, ROOT).json().path("data").path("keys").toString()).contains(id);

        TestHttp.Response clash = DevPlatform.api("POST", "identity/group-alias", Map.of("name", "administrators", "mount_accessor", accessor), ROOT);
        assertThat(clash.json().path("errors").get(0).asString()).isEqualTo("combination of mount and group alias name is already in use");
        String internal = DevPlatform.api("POST", "identity/group", Map.of("name", "ga-internal"), ROOT).json().path("data").path("id").asString();
        TestHttp.Response onInternal = DevPlatform.api("POST", "identity/group-alias", Map.of("name", "x", "mount_accessor", accessor,
                "canonical_id", internal), ROOT);
        assertThat(onInternal.json().path("errors").get(0).asString()).isEqualTo("alias can't be set on an internal group");
        assertThat(DevPlatform.api("POST", "identity/group/id/" + internal, Map.of("type", "external"), ROOT).json().path("errors").get(0)
                .asString()).isEqualTo("group type cannot be changed");
        assertThat(DevPlatform.api("POST", "identity/group", Map.of("name", "ga-ext", "type", "external", "member_entity_ids", "e1"), ROOT)
                .json().path("errors").get(0).asString()).isEqualTo("member entities can't be set manually for external groups");
        assertThat(DevPlatform.api("POST", "identity/group", Map.of("name", "ga-bad", "type", "weird"), ROOT).status()).isEqualTo(400);
        assertThat(DevPlatform.api("POST", "identity/group-alias", Map.of("mount_accessor", accessor), ROOT).json().path("errors").get(0)
                .asString()).isEqualTo("missing alias name");

        assertThat(DevPlatform.api("DELETE", "identity/group-alias/id/" + id, null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "identity/group-alias/id/" + id, null, ROOT).status()).isEqualTo(404);
        assertThat(DevPlatform.api("GET", "identity/group/id/" + made.path("canonical_id").asString(), null, ROOT).json().path("data")
                .path("alias").size()).isZero();
    }

    /** auth_url, then the provider's authorize endpoint as a browser follows it: the code and state it returns to the redirect URI. */
    private static Map<String, String> authorize(String mount, String role, String clientNonce) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("redirect_uri", CLI_REDIRECT));
        if (role != null) {
            body.put("role", role);
        }
        if (!clientNonce.isEmpty()) {
            body.put("client_nonce", clientNonce);
        }
        TestHttp.Response start = DevPlatform.api("POST", "auth/" + mount + "/oidc/auth_url", body, null);
        String url = start.json().path("data").path("auth_url").asString();
        assertThat(url).as(start.body()).startsWith(provider.issuer() + "/authorize?");
        HttpResponse<String> answer = BROWSER.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if ("form_post".equals(query(url).get("response_mode"))) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            Matcher action = FORM_ACTION.matcher(answer.body());
            assertThat(action.find()).as(answer.body()).isTrue();
            assertThat(action.group(1)).isEqualTo(CLI_REDIRECT);
            Map<String, String> fields = new LinkedHashMap<>();
            for (Matcher m = FORM_FIELD.matcher(answer.body()); m.find();) {
                fields.put(m.group(1), m.group(2));
            }
            return fields;
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CLI_REDIRECT + "?");
        return query(location);
    }

    /** The whole browser flow, the callback made as the CLI's local listener makes it: the token. */
    private static String browserLogin(String mount, String role) throws Exception {
        Map<String, String> back = authorize(mount, role, "cli-nonce");
        TestHttp.Response done = DevPlatform.api("GET", "auth/" + mount + "/oidc/callback?state=" + enc(back.get("state")) + "&code="
                + enc(back.get("code")) + "&client_nonce=cli-nonce", null, null);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return done.json().path("auth").path("client_token").asString();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
