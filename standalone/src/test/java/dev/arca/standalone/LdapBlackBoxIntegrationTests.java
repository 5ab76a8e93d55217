package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.test.TestHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.vault.authentication.UsernamePasswordAuthentication;
import org.springframework.vault.authentication.UsernamePasswordAuthenticationOptions;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.VaultToken;
import tools.jackson.databind.JsonNode;

/**
 * The ldap auth method against a real OpenLDAP slapd of the test's own: directory users log in
 * (through spring-vault's username/password login and plain HTTP), their directory groups grant
 * policies they then use on KV; failures, injection attempts, servers that are down or silent, and
 * TLS (StartTLS and ldaps) with a CA made for the run.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LdapBlackBoxIntegrationTests {

    private static final String ROOT = DevPlatform.ROOT_TOKEN;
    private static final String PEOPLE = "ou=people," + TestSlapd.SUFFIX;
    private static final String BIND_FAILED = "ldap operation failed: failed to bind as user";
    private static TestSlapd slapd;

    @BeforeAll
    static void directory() {
        slapd = TestSlapd.start(ldif());
        assertThat(DevPlatform.api("PUT", "sys/policies/acl/ldap-bb", Map.of("policy", "path \"secret/data/ldap-bb/*\" { capabilities = [\"read\"] }"),
                ROOT).status()).isEqualTo(204);
        DevPlatform.root().opsForVersionedKeyValue("secret").put("ldap-bb/app", Map.of("k", "from-kv"));
        mount("ldap-bb", searchConfig(slapd, slapd.url()));
    }

    /** People under ou=people (carol right under the suffix), groups under ou=groups: alice in engineers, bob in ops. */
    private static String ldif() {
        return """
                dn: %1$s
                objectClass: organizationalUnit
                ou: people

                dn: ou=groups,%2$s
                objectClass: organizationalUnit
                ou: groups

                %3$s
                %4$s
                %5$s
                %6$s
                dn: cn=engineers,ou=groups,%2$s
                objectClass: groupOfNames
                cn: engineers
                member: uid=alice,%1$s

                dn: cn=ops,ou=groups,%2$s
                objectClass: posixGroup
                cn: ops
                gidNumber: 5000
                memberUid: bob
                """.formatted(PEOPLE, TestSlapd.SUFFIX, person("alice", PEOPLE), person("bob", PEOPLE), person("admin", PEOPLE),
                person("carol", TestSlapd.SUFFIX));
    }

    @AfterAll
    static void stop() {
        if (slapd != null) {
            slapd.close();
        }
    }

    private static String person(String uid, String base) {
        return """
                dn: uid=%1$s,%2$s
                objectClass: inetOrgPerson
                uid: %1$s
                cn: %1$s person
                sn: %1$s
                userPassword: %3$s
                """.formatted(uid, base, TestSlapd.ssha(password(uid))) + "\n";
    }

    private static String password(String uid) {
        return uid + "-Pa55word";
    }

    /** binddn searches for the user under ou=people; groups under ou=groups by Vault's default filter. */
    private static Map<String, Object> searchConfig(TestSlapd directory, String url) {
        Map<String, Object> c = new HashMap<>();
        c.put("url", url);
        c.put("binddn", TestSlapd.ADMIN_DN);
        c.put("bindpass", directory.adminPassword);
        c.put("userdn", PEOPLE);
        c.put("userattr", "uid");
        c.put("groupdn", "ou=groups," + TestSlapd.SUFFIX);
        c.put("request_timeout", "5s");
        c.put("connection_timeout", 5);
        c.put("token_ttl", "10m");
        return c;
    }

    private static void mount(String path, Map<String, Object> config) {
        assertThat(DevPlatform.api("POST", "sys/auth/" + path, Map.of("type", "ldap"), ROOT).status()).isEqualTo(204);
        TestHttp.Response written = DevPlatform.api("POST", "auth/" + path + "/config", config, ROOT);
        assertThat(written.status()).as(written.body()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/" + path + "/groups/engineers", Map.of("policies", "ldap-bb"), ROOT).status()).isEqualTo(204);
    }

    private static TestHttp.Response login(String mount, String username, String password) {
        return DevPlatform.api("POST", "auth/" + mount + "/login/" + encode(username), Map.of("password", password), null);
    }

    /** Every byte percent-encoded but letters and digits, so that the name reaches the method as it is. */
    private static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            b.append(Character.isLetterOrDigit(x) ? String.valueOf((char) x) : String.format("%%%02X", x & 0xff));
        }
        return b.toString();
    }

    private static String error(TestHttp.Response r) {
        return r.json().path("errors").get(0).asString();
    }

    @Test
    void aDirectoryUserLogsInThroughSpringVaultAndItsGroupGrantsAPolicyOnKv() {
        VaultToken token = new UsernamePasswordAuthentication(UsernamePasswordAuthenticationOptions.builder().path("ldap-bb")
                .username("alice").password(password("alice")).build(), DevPlatform.loginClient()).login();
        VaultTemplate alice = DevPlatform.vault(token.getToken());
        assertThat(alice.opsForVersionedKeyValue("secret").get("ldap-bb/app").getRequiredData()).containsEntry("k", "from-kv");
        assertThatThrownBy(() -> alice.opsForVersionedKeyValue("secret").put("ldap-bb/app", Map.of("k", "x"))).hasMessageContaining("403");

        JsonNode self = DevPlatform.api("GET", "auth/token/lookup-self", null, token.getToken()).json().path("data");
        assertThat(self.path("policies").toString()).isEqualTo("[\"default\",\"ldap-bb\"]");
        assertThat(self.path("meta").path("username").asString()).isEqualTo("alice");
        assertThat(self.path("path").asString()).isEqualTo("auth/ldap-bb/login/alice");
        assertThat(self.path("display_name").asString()).isEqualTo("ldap-alice");
        assertThat(self.path("ttl").asLong()).isBetween(590L, 600L);

        String accessor = DevPlatform.api("GET", "sys/auth", null, ROOT).json().path("data").path("ldap-bb/").path("accessor").asString();
        TestHttp.Response entity = DevPlatform.api("POST", "identity/lookup/entity", Map.of("alias_name", "alice",
                "alias_mount_accessor", accessor), ROOT);
        assertThat(self.path("entity_id").asString()).isNotEmpty();
        assertThat(entity.json().path("data").path("id").asString()).as("the alias is the user's uid").isEqualTo(self.path("entity_id").asString());
    }

    @Test
    void plainHttpLoginGathersPoliciesFromTheUserItsDirectoryGroupsAndItsLocalGroups() {
        assertThat(DevPlatform.api("POST", "auth/ldap-bb/groups/OPS", Map.of("policies", "ops-pol"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/ldap-bb/groups/local", Map.of("policies", List.of("local-pol", "Shared")), ROOT).status())
                .isEqualTo(204);
        assertThat(DevPlatform.api("POST", "auth/ldap-bb/users/Bob", Map.of("policies", "bob-pol,shared", "groups", "local"), ROOT).status())
                .isEqualTo(204);

        TestHttp.Response ok = login("ldap-bb", "bob", password("bob"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode auth = ok.json().path("auth");
        assertThat(auth.path("client_token").asString()).startsWith("hvs.");
        assertThat(auth.path("policies").toString()).isEqualTo("[\"bob-pol\",\"default\",\"local-pol\",\"ops-pol\",\"shared\"]");
        assertThat(auth.path("metadata").path("username").asString()).isEqualTo("bob");

        JsonNode bob = DevPlatform.api("GET", "auth/ldap-bb/users/bob", null, ROOT).json().path("data");
        assertThat(bob.path("groups").asString()).isEqualTo("local");
        assertThat(bob.path("policies").toString()).isEqualTo("[\"bob-pol\",\"shared\"]");
        assertThat(DevPlatform.api("LIST", "auth/ldap-bb/groups", null, ROOT).json().path("data").path("keys").toString())
                .contains("\"engineers\"", "\"local\"", "\"ops\"");
        assertThat(DevPlatform.api("LIST", "auth/ldap-bb/users", null, ROOT).json().path("data").path("keys").toString()).isEqualTo("[\"bob\"]");
        assertThat(DevPlatform.api("GET", "auth/ldap-bb/groups/ops", null, null).status()).as("management needs a token").isEqualTo(403);

        assertThat(DevPlatform.api("DELETE", "auth/ldap-bb/users/bob", null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("GET", "auth/ldap-bb/users/bob", null, ROOT).status()).isEqualTo(404);
        TestHttp.Response noGroups = login("ldap-bb", "admin", password("admin"));
        assertThat(noGroups.json().path("auth").path("policies").toString()).isEqualTo("[\"default\"]");
        assertThat(noGroups.json().path("warnings").toString()).contains("no LDAP groups found");
    }

    @Test
    void theConfigurationReadsBackWithoutItsSecretsAndRefusesBadInput() {
        TestHttp.Response read = DevPlatform.api("GET", "auth/ldap-bb/config", null, ROOT);
        assertThat(read.body()).doesNotContain(slapd.adminPassword).doesNotContain("bindpass");
        JsonNode cfg = read.json().path("data");
        assertThat(cfg.path("binddn").asString()).isEqualTo(TestSlapd.ADMIN_DN);
        assertThat(cfg.path("groupattr").asString()).isEqualTo("cn");
        assertThat(cfg.path("groupfilter").asString()).isEqualTo("(|(memberUid={{.Username}})(member={{.UserDN}})(uniqueMember={{.UserDN}}))");
        assertThat(cfg.path("userfilter").asString()).isEqualTo("({{.UserAttr}}={{.Username}})");
        assertThat(cfg.path("deny_null_bind").asBoolean()).isTrue();
        assertThat(cfg.path("insecure_tls").asBoolean()).isFalse();
        assertThat(cfg.path("request_timeout").asLong()).isEqualTo(5);
        assertThat(cfg.path("token_ttl").asLong()).isEqualTo(600);
        assertThat(DevPlatform.api("GET", "auth/ldap-bb/config", null, null).status()).isEqualTo(403);

        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("request_timeout", 0), Map.of("connection_timeout", "9999999999"),
                Map.of("url", "http://127.0.0.1"), Map.of("userfilter", "(uid={{.Password}})"), Map.of("groupfilter", "(cn="),
                Map.of("certificate", "not a certificate"), Map.of("userdn", "not a dn"), Map.of("client_tls_cert", slapd.ca.pem()),
                Map.of("token_num_uses", -1))) {
            TestHttp.Response r = DevPlatform.api("POST", "auth/ldap-bb/config", bad, ROOT);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.json().path("errors").isArray()).isTrue();
        }
        assertThat(DevPlatform.api("GET", "auth/ldap-bb/config", null, ROOT).json().path("data").path("request_timeout").asLong())
                .as("nothing half-written").isEqualTo(5);
    }

    @Test
    void failedLoginsAndInjectionAttemptsAllGetTheSameAnswer() {
        Map<String, String> attempts = new java.util.LinkedHashMap<>();
        attempts.put("alice", "wrong");
        attempts.put("nobody", password("alice"));
        attempts.put("*", password("alice"));
        attempts.put("al*", password("alice"));
        attempts.put("admin)(|(uid=*)", password("admin"));
        attempts.put("alice)(uid=alice", password("alice"));
        attempts.put("*)(objectClass=*", password("alice"));
        attempts.forEach((name, pw) -> {
            TestHttp.Response r = login("ldap-bb", name, pw);
            assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(400);
            assertThat(error(r)).as(name).isEqualTo(BIND_FAILED);
        });
        for (String edge : List.of("alice\u0000", "alice\\2a")) {
            TestHttp.Response r = login("ldap-bb", edge, password("alice"));
            assertThat(r.status()).as("refused at the edge or by the method: " + r.body()).isEqualTo(400);
            assertThat(r.json().path("auth").isMissingNode() || r.json().path("auth").isNull()).isTrue();
        }
        TestHttp.Response empty = login("ldap-bb", "alice", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(error(empty)).isEqualTo("password cannot be of zero length when passwordless binds are being denied");
        TestHttp.Response none = DevPlatform.api("POST", "auth/ldap-bb/login/alice", Map.of(), null);
        assertThat(error(none)).isEqualTo("password cannot be of zero length when passwordless binds are being denied");
        assertThat(login("ldap-bb", "alice", password("alice")).status()).as("the same user with the right password").isEqualTo(200);
    }

    @Test
    void aNameIsNeverPartOfTheUserDnWhenTheDnIsBuilt() {
        // no binddn: the bind DN is uid=<name>,userdn; carol lives right under the suffix, alice under ou=people
        mount("ldap-dn", Map.of("url", slapd.url(), "userdn", TestSlapd.SUFFIX, "userattr", "uid", "groupdn", "ou=groups," + TestSlapd.SUFFIX,
                "request_timeout", 5));
        assertThat(login("ldap-dn", "carol", password("carol")).status()).isEqualTo(200);
        TestHttp.Response injected = login("ldap-dn", "alice,ou=people", password("alice"));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(error(injected)).isEqualTo(BIND_FAILED);
    }

    @Test
    void discoverdnSearchesAnonymouslyAndNamesCanBeCaseSensitiveAndTheAlias() {
        Map<String, Object> config = new HashMap<>(Map.of("url", slapd.url(), "userdn", PEOPLE, "userattr", "uid", "discoverdn", true,
                "groupdn", "ou=groups," + TestSlapd.SUFFIX, "case_sensitive_names", true, "username_as_alias", true, "request_timeout", 5));
        mount("ldap-disc", config);
        assertThat(DevPlatform.api("POST", "auth/ldap-disc/users/ALICE", Map.of("policies", "upper-pol"), ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("LIST", "auth/ldap-disc/users", null, ROOT).json().path("data").path("keys").toString())
                .isEqualTo("[\"ALICE\"]");

        TestHttp.Response upper = login("ldap-disc", "ALICE", password("alice"));
        assertThat(upper.status()).as(upper.body()).isEqualTo(200);
        assertThat(upper.json().path("auth").path("policies").toString()).isEqualTo("[\"default\",\"ldap-bb\",\"upper-pol\"]");
        TestHttp.Response lower = login("ldap-disc", "alice", password("alice"));
        assertThat(lower.json().path("auth").path("policies").toString()).isEqualTo("[\"default\",\"ldap-bb\"]");

        String accessor = DevPlatform.api("GET", "sys/auth", null, ROOT).json().path("data").path("ldap-disc/").path("accessor").asString();
        TestHttp.Response alias = DevPlatform.api("POST", "identity/lookup/entity", Map.of("alias_name", "ALICE", "alias_mount_accessor", accessor),
                ROOT);
        assertThat(upper.json().path("auth").path("entity_id").asString()).isNotEmpty();
        assertThat(alias.json().path("data").path("id").asString()).as("username_as_alias: the name as sent")
                .isEqualTo(upper.json().path("auth").path("entity_id").asString());
    }

    @Test
    void serversAreTriedInOrderAndADownOrSilentOneIsAClearError() throws IOException {
        String down = "ldap://127.0.0.1:" + TestSlapd.freePort();
        Map<String, Object> config = searchConfig(slapd, down + "," + slapd.url());
        mount("ldap-fo", config);
        TestHttp.Response ok = login("ldap-fo", "alice", password("alice"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("auth").path("policies").toString()).contains("ldap-bb");

        assertThat(DevPlatform.api("POST", "auth/ldap-fo/config", Map.of("url", down), ROOT).status()).isEqualTo(204);
        TestHttp.Response allDown = login("ldap-fo", "alice", password("alice"));
        assertThat(allDown.status()).isEqualTo(400);
        assertThat(error(allDown)).isEqualTo("ldap operation failed: failed to connect to LDAP server");

        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    // the test is over
                }
            });
            assertThat(DevPlatform.api("POST", "auth/ldap-fo/config", Map.of("url", "ldap://127.0.0.1:" + silent.getLocalPort(),
                    "request_timeout", 1), ROOT).status()).isEqualTo(204);
            TestHttp.Response silentAnswer = login("ldap-fo", "alice", password("alice"));
            assertThat(silentAnswer.status()).isEqualTo(400);
            assertThat(error(silentAnswer)).isEqualTo("ldap operation failed: the LDAP server did not answer in time");
        }
    }

    @Test
    void startTlsAndLdapsAreVerifiedAgainstTheConfiguredCa() {
        Map<String, Object> startTls = searchConfig(slapd, slapd.url());
        startTls.put("starttls", true);
        startTls.put("certificate", slapd.ca.pem());
        mount("ldap-tls", startTls);
        TestHttp.Response ok = login("ldap-tls", "alice", password("alice"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);

        assertThat(DevPlatform.api("POST", "auth/ldap-tls/config", Map.of("starttls", false, "url", slapd.ldapsUrl()), ROOT).status())
                .isEqualTo(204);
        assertThat(login("ldap-tls", "alice", password("alice")).status()).as("ldaps").isEqualTo(200);

        String otherCa = TestPki.ca("Some other CA").pem();
        assertThat(DevPlatform.api("POST", "auth/ldap-tls/config", Map.of("certificate", otherCa), ROOT).status()).isEqualTo(204);
        TestHttp.Response untrusted = login("ldap-tls", "alice", password("alice"));
        assertThat(untrusted.status()).isEqualTo(400);
        assertThat(error(untrusted)).isEqualTo("ldap operation failed: failed to connect to LDAP server");

        assertThat(DevPlatform.api("POST", "auth/ldap-tls/config", Map.of("url", slapd.url(), "starttls", true), ROOT).status()).isEqualTo(204);
        assertThat(login("ldap-tls", "alice", password("alice")).status()).as("StartTLS with an untrusted certificate").isEqualTo(400);
    }

    @Test
    void aClientCertificateIsPresentedWhenTheServerDemandsOne() {
        try (TestSlapd strict = TestSlapd.start(ldif(), true)) {
            Map<String, Object> config = searchConfig(strict, strict.ldapsUrl());
            config.put("certificate", strict.ca.pem());
            mount("ldap-mtls", config);
            TestHttp.Response refused = login("ldap-mtls", "alice", password("alice"));
            assertThat(error(refused)).as("no client certificate").isEqualTo("ldap operation failed: failed to connect to LDAP server");

            TestPki.Issued client = TestPki.leaf("CN=arca-ldap-client", strict.ca, java.time.Duration.ofDays(1), TestPki.clientAuth());
            String key = TestPki.pem(client.keys());
            assertThat(DevPlatform.api("POST", "auth/ldap-mtls/config", Map.of("client_tls_cert", client.pem()), ROOT).status())
                    .as("a certificate without its key").isEqualTo(400);
            assertThat(DevPlatform.api("POST", "auth/ldap-mtls/config", Map.of("client_tls_cert", client.pem(), "client_tls_key", key), ROOT)
                    .status()).isEqualTo(204);
            TestHttp.Response ok = login("ldap-mtls", "alice", password("alice"));
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);

            TestHttp.Response read = DevPlatform.api("GET", "auth/ldap-mtls/config", null, ROOT);
            assertThat(read.json().path("data").path("client_tls_cert").asString()).isEqualTo(client.pem());
            assertThat(read.body()).doesNotContain("client_tls_key").doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
        }
    }

    @Test
    void disablingTheMethodRemovesItsConfiguration() {
        mount("ldap-gone", searchConfig(slapd, slapd.url()));
        assertThat(login("ldap-gone", "alice", password("alice")).status()).isEqualTo(200);
        assertThat(DevPlatform.api("DELETE", "sys/auth/ldap-gone", null, ROOT).status()).isEqualTo(204);
        assertThat(DevPlatform.api("POST", "sys/auth/ldap-gone", Map.of("type", "ldap"), ROOT).status()).isEqualTo(204);
        TestHttp.Response fresh = login("ldap-gone", "alice", password("alice"));
        assertThat(fresh.status()).isEqualTo(400);
        assertThat(error(fresh)).isEqualTo("ldap backend not configured");
        assertThat(DevPlatform.api("LIST", "auth/ldap-gone/groups", null, ROOT).status()).isEqualTo(404);
    }
}
