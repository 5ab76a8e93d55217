package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.ReactiveVaultTemplate;
import org.springframework.vault.support.VaultResponse;
import org.springframework.vault.support.VaultToken;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Every answer of the public port is Vault's JSON, including those given before the API pipeline runs:
 * by the request firewall, by Tomcat itself, by the error page, for methods Vault does not know, and
 * for answers without a body. Requests that HTTP clients refuse to send go over a raw socket.
 */
class EdgeErrorsBlackBoxIntegrationTests {

    private static final String UNSUPPORTED_OPERATION = "1 error occurred:\n\t* unsupported operation\n\n";
    private static final String UNSUPPORTED_PATH = "1 error occurred:\n\t* unsupported path\n\n";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RawHttp raw = new RawHttp(DevPlatform.get().gatewayPort());
    private final TestHttp http = DevPlatform.http();
    private final String token = "X-Vault-Token: " + DevPlatform.ROOT_TOKEN;

    @Test
    void requestsTheFirewallRefusesAre400WithoutEchoingTheRequest() {
        for (String target : List.of("/v1/sys/health;jsessionid=x", "/v1//sys/health;x", "/v1/%2e%2e/sys/health",
                "/v1/secret/data/a%0ab", "/v1/secret/data/%25zz")) {
            RawHttp.Response r = raw.send("GET " + target + " HTTP/1.1", token);
            List<String> errors = vaultErrors(r, 400);
            assertThat(errors).as(target).singleElement().asString().startsWith("invalid request")
                    .doesNotContain("sys/health", "secret", "%");
        }
        // The firewall checks a header's value when it is read, here deep in the API pipeline.
        assertThat(vaultErrors(raw.send("GET /v1/secret/data/edgebb HTTP/1.1", "X-Vault-Token: hvs.a\u0085b"), 400))
                .singleElement().asString().startsWith("invalid request");
    }

    @Test
    void whatTomcatRefusesBeforeAnyServletIsVaultJson() {
        for (String requestLine : List.of("GET /v1/secret/data/a%00b HTTP/1.1",
                "GET /v1/secret/data/a%5cb HTTP/1.1", "GET /v1/secret/data/%ff%fe HTTP/1.1",
                "GET /v1/secret/data/%zz HTTP/1.1", "GET /v1/secret/data/a{b} HTTP/1.1",
                "GET /v1/sys/health HTTP/1.1 trailing", "NOT-HTTP-AT-ALL")) {
            assertThat(vaultErrors(raw.send(requestLine, token), 400)).as(requestLine).containsExactly("invalid request");
        }
        RawHttp.Response bigHeader = raw.send("GET /v1/sys/health HTTP/1.1", "X-Padding: " + "p".repeat(16 * 1024));
        assertThat(bigHeader.status()).isIn(400, 431);
        vaultErrors(bigHeader, bigHeader.status());

        assertThat(vaultErrors(raw.send("TRACE /v1/sys/health HTTP/1.1"), 405)).containsExactly(UNSUPPORTED_OPERATION);
        assertThat(vaultErrors(raw.send("CONNECT 127.0.0.1:8200 HTTP/1.1"), 405)).containsExactly(UNSUPPORTED_OPERATION);
        assertThat(vaultErrors(raw.send("CONNECT /v1/sys/health HTTP/1.1"), 405)).containsExactly(UNSUPPORTED_OPERATION);
        assertThat(vaultErrors(raw.send("GET /v1/sys/health HTTP/9.9"), 505)).containsExactly("http version not supported");
        assertThat(vaultErrors(raw.send("POST /v1/sys/health HTTP/1.1", "Transfer-Encoding: gzip-ish"), 501))
                .as("a transfer coding Tomcat does not implement, on a method Vault knows").containsExactly("not implemented");
    }

    @Test
    void anEncodedSlashIsReadAsASlashAsVaultDoes() {
        String root = "X-Vault-Token: " + DevPlatform.ROOT_TOKEN;
        assertThat(put("/v1/secret/data/edgebb-slash%2fa%2Fb", root, "{\"data\":{\"k\":\"slashed\"}}").status()).isEqualTo(200);
        TestHttp.Response plain = http.send("GET", "/v1/secret/data/edgebb-slash/a/b", null, "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertThat(plain.json().at("/data/data/k").asString()).as("written through %%2f, read through /").isEqualTo("slashed");
        for (String target : List.of("/v1/secret%2Fdata%2Fedgebb-slash%2Fa%2Fb", "/v1/secret/data/edgebb-slash%2F%2Fa/b",
                "/v1/%2Fsecret/data/edgebb-slash/a%2fb", "/v1//secret//data/edgebb-slash/a//b")) {
            RawHttp.Response r = raw.send("GET " + target + " HTTP/1.1", root);
            assertThat(r.status()).as(target).isEqualTo(200);
            assertThat(TestHttp.JSON.readTree(r.body()).at("/data/data/k").asString()).as(target).isEqualTo("slashed");
        }
        for (String target : List.of("/v1/sys%2Fhealth", "/v1//sys/health")) {
            RawHttp.Response health = raw.send("GET " + target + " HTTP/1.1");
            assertThat(health.status()).as("a raw system handler is found on the decoded path too: " + target).isEqualTo(200);
            assertThat(TestHttp.JSON.readTree(health.body()).path("initialized").asBoolean()).isTrue();
        }
        // What the edge refuses it still refuses once the slashes are decoded: dot segments.
        for (String target : List.of("/v1/secret/data/a/..%2Fb", "/v1/secret/data/a%2F..%2Fb", "/v1/secret/data/a%2F.%2Fb",
                "/v1/secret/data/a%2F..", "/v1/secret/data/a//..%2Fb", "/v1/secret/data/a%2F%2e%2e%2Fb")) {
            assertThat(vaultErrors(raw.send("GET " + target + " HTTP/1.1", root), 400)).as(target)
                    .singleElement().asString().startsWith("invalid request");
        }
    }

    @Test
    void encodedSlashesAndDotsCannotEscapeAPolicy() {
        String root = DevPlatform.ROOT_TOKEN;
        assertThat(http.send("PUT", "/v1/sys/policies/acl/edgebb-allowed", Map.of("policy",
                "path \"secret/data/allowed/*\" { capabilities = [\"create\", \"read\", \"update\"] }"), "X-Vault-Token", root)
                .status()).isEqualTo(204);
        http.send("PUT", "/v1/secret/data/other", Map.of("data", Map.of("k", "secret")), "X-Vault-Token", root);
        http.send("PUT", "/v1/secret/data/allowed/mine", Map.of("data", Map.of("k", "mine")), "X-Vault-Token", root);
        String limited = http.send("POST", "/v1/auth/token/create", Map.of("policies", List.of("edgebb-allowed"), "no_default_policy", true),
                "X-Vault-Token", root).json().at("/auth/client_token").asString();
        String header = "X-Vault-Token: " + limited;

        RawHttp.Response allowed = raw.send("GET /v1/secret%2Fdata%2Fallowed%2Fmine HTTP/1.1", header);
        assertThat(allowed.status()).as("the decoded path is the allowed one").isEqualTo(200);
        assertThat(TestHttp.JSON.readTree(allowed.body()).at("/data/data/k").asString()).isEqualTo("mine");

        for (String target : List.of("/v1/secret/data/allowed/..%2Fother", "/v1/secret/data/allowed%2F..%2Fother",
                "/v1/secret/data/allowed/..%2F..%2Fdata%2Fother", "/v1/secret/data/allowed%2F.%2F..%2Fother",
                "/v1/secret/data/allowed/%2e%2e%2Fother", "/v1/secret/data/allowed/.%2E%2Fother", "/v1/secret/data/allowed%2F..",
                "/v1/secret/data/allowed/%2F..%2Fother", "/v1/secret/data/allowed/%2F%2F..%2F%2Fother")) {
            RawHttp.Response r = raw.send("GET " + target + " HTTP/1.1", header);
            assertThat(vaultErrors(r, 400)).as(target).singleElement().asString().startsWith("invalid request");
            assertThat(r.body()).doesNotContain("secret\"");
        }
        for (String target : List.of("/v1/secret%2Fdata%2Fother", "/v1/secret/data%2Fother", "/v1/secret%2F%2Fdata/other",
                "/v1/secret/metadata%2Fallowed%2Fmine", "/v1/secret/data/allowedx%2Fmine")) {
            RawHttp.Response r = raw.send("GET " + target + " HTTP/1.1", header);
            assertThat(vaultErrors(r, 403)).as(target).singleElement().asString().contains("permission denied");
        }
        assertThat(vaultErrors(put("/v1/secret/data/allowed%2F..%2F..%2Fdata%2Fother", header, "{\"data\":{\"k\":\"x\"}}"), 400)).hasSize(1);
        TestHttp.Response other = http.send("GET", "/v1/secret/data/other", null, "X-Vault-Token", root);
        assertThat(other.json().at("/data/data/k").asString()).as("untouched").isEqualTo("secret");
    }

    @Test
    void theErrorPageAnswersVaultJsonWithTheOriginalStatus() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
            RawHttp.Response direct = raw.send(method + " /error HTTP/1.1", "Content-Length: 0");
            assertThat(vaultErrors(direct, 404)).as("%s /error, like any path that does not exist", method)
                    .containsExactly(UNSUPPORTED_PATH);
        }
        assertThat(vaultErrors(raw.send("GET /error?status=500 HTTP/1.1"), 404)).containsExactly(UNSUPPORTED_PATH);
        // Tomcat refuses TRACE with its error mechanism, which forwards to the error page.
        RawHttp.Response trace = raw.send("TRACE /v1/secret/data/edgebb HTTP/1.1", token);
        assertThat(vaultErrors(trace, 405)).containsExactly(UNSUPPORTED_OPERATION);
        assertThat(trace.body()).doesNotContain("timestamp", "Method Not Allowed");
    }

    @Test
    void methodsVaultDoesNotKnowAre405() {
        for (String method : List.of("FOO", "get", "Post", "PROPFIND", "MKCOL")) {
            RawHttp.Response r = raw.send(method + " /v1/secret/data/edgebb/x HTTP/1.1", token);
            assertThat(vaultErrors(r, 405)).as(method).containsExactly(UNSUPPORTED_OPERATION);
        }
        assertThat(vaultErrors(raw.send("FOO /actuator/health/liveness HTTP/1.1"), 405)).containsExactly(UNSUPPORTED_OPERATION);
    }

    @Test
    void optionsIs405AndHeadOfHealthIsStatusOnly() {
        for (String target : List.of("/v1/secret/data/edgebb/x", "/v1/sys/health", "/v1/sys/mounts", "/anything")) {
            RawHttp.Response options = raw.send("OPTIONS " + target + " HTTP/1.1", token);
            assertThat(vaultErrors(options, 405)).as(target).containsExactly(UNSUPPORTED_OPERATION);
            assertThat(options.header("Allow")).as("no CORS, so no list of methods either").isNull();
        }
        RawHttp.Response head = raw.send("HEAD /v1/sys/health HTTP/1.1");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Type")).startsWith("application/json");
        assertThat(raw.send("HEAD /v1/sys/health?activecode=299 HTTP/1.1").status()).isEqualTo(299);
        for (String target : List.of("/v1/sys/mounts", "/v1/auth/token/lookup-self", "/v1/secret/data/edgebb/x", "/v1/nowhere/x")) {
            assertThat(raw.send("HEAD " + target + " HTTP/1.1", token).status()).as("HEAD " + target).isEqualTo(405);
            assertThat(raw.send("HEAD " + target + " HTTP/1.1").status()).as("HEAD " + target + " without a token").isEqualTo(403);
        }
    }

    @Test
    void answersWithoutABodyAreLabelledJson() {
        String policyPath = "/v1/sys/policies/acl/edgebb-nobody";
        TestHttp.Response policy = http.send("PUT", policyPath, Map.of("policy", "path \"secret/data/edgebb/*\" { capabilities = [\"read\"] }"),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertNoContentJson(policy);
        TestHttp.Response mount = http.send("POST", "/v1/sys/mounts/edgebb-kv1", Map.of("type", "kv", "options", Map.of("version", "1")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertNoContentJson(mount);
        TestHttp.Response write = http.send("PUT", "/v1/edgebb-kv1/app", Map.of("user", "u1"), "X-Vault-Token", DevPlatform.ROOT_TOKEN);
        assertNoContentJson(write);
        assertNoContentJson(http.send("DELETE", "/v1/edgebb-kv1/app", null, "X-Vault-Token", DevPlatform.ROOT_TOKEN));
        assertNoContentJson(http.send("DELETE", policyPath, null, "X-Vault-Token", DevPlatform.ROOT_TOKEN));
        assertNoContentJson(http.send("DELETE", "/v1/sys/mounts/edgebb-kv1", null, "X-Vault-Token", DevPlatform.ROOT_TOKEN));
    }

    @Test
    void aReactiveClientTakesTheNoContentAnswers() {
        VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", DevPlatform.get().gatewayPort());
        endpoint.setScheme("http");
        ReactiveVaultTemplate vault = new ReactiveVaultTemplate(endpoint, new ReactorClientHttpConnector(),
                () -> Mono.just(VaultToken.of(DevPlatform.ROOT_TOKEN)));
        assertThat(http.send("POST", "/v1/sys/mounts/edgebb-rkv1", Map.of("type", "kv", "options", Map.of("version", "1")),
                "X-Vault-Token", DevPlatform.ROOT_TOKEN).status()).isEqualTo(204);

        assertThat(vault.write("edgebb-rkv1/app", Map.of("user", "u1")).block(WAIT)).as("a 204 is an empty answer").isNull();
        VaultResponse read = vault.read("edgebb-rkv1/app").block(WAIT);
        assertThat(read).isNotNull();
        assertThat(read.getRequiredData()).containsEntry("user", "u1");
        assertThat(vault.write("sys/policies/acl/edgebb-reactive", Map.of("policy", "path \"edgebb-rkv1/*\" { capabilities = [\"read\"] }"))
                .block(WAIT)).isNull();
        vault.delete("sys/policies/acl/edgebb-reactive").block(WAIT);
        vault.delete("sys/mounts/edgebb-rkv1").block(WAIT);
    }

    @Test
    void onlyTheProbesOfTheActuatorAreOnThePublicPort() {
        // The actuator itself is on the management port; the probes are on the public port as /livez and /readyz.
        for (String probe : List.of("/livez", "/readyz")) {
            TestHttp.Response r = http.send("GET", probe, null);
            assertThat(r.status()).as(probe).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("UP");
        }
        for (String hidden : List.of("/actuator", "/actuator/", "/actuator/health", "/actuator/health/", "/actuator/health/db",
                "/actuator/health/ping", "/actuator/health/liveness", "/actuator/health/liveness/x", "/actuator/info", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/env", "/actuator/beans", "/%61ctuator/health", "/actuator/%68ealth")) {
            RawHttp.Response r = raw.send("GET " + hidden + " HTTP/1.1");
            assertThat(vaultErrors(r, 404)).as(hidden).containsExactly(UNSUPPORTED_PATH);
        }
    }

    /** A PUT of a JSON body over the raw socket, the target sent exactly as given. */
    private RawHttp.Response put(String target, String tokenHeader, String body) {
        return raw.sendRaw("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + tokenHeader + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static void assertNoContentJson(TestHttp.Response r) {
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().get("content-type")).as("Content-Type of a 204").containsExactly("application/json");
    }

    /** Asserts Vault's error answer, {@code {"errors":[...]}} labelled JSON, with this status; returns the errors. */
    private static List<String> vaultErrors(RawHttp.Response r, int status) {
        assertThat(r.status()).as("status, body %s", r.body()).isEqualTo(status);
        return vaultErrors(r.header("Content-Type"), r.body());
    }

    private static List<String> vaultErrors(@Nullable String contentType, String body) {
        assertThat(contentType).as("Content-Type, body %s", body).startsWith("application/json");
        JsonNode json = TestHttp.JSON.readTree(body);
        assertThat(json.isObject()).as(body).isTrue();
        assertThat(json.propertyNames()).as(body).containsExactly("errors");
        assertThat(json.get("errors").isArray()).as(body).isTrue();
        List<String> errors = new ArrayList<>();
        for (JsonNode e : json.get("errors")) {
            assertThat(e.isString()).as(body).isTrue();
            errors.add(e.asString());
        }
        return errors;
    }
}
