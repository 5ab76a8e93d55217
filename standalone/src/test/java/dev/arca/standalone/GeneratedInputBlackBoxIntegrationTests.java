package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.test.TestHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;

/**
 * Generated requests against the public API of a dev platform: any method, known and unknown paths,
 * no token, a wrong one or root, and bodies from well-formed to hostile (huge, tiny, wrong-typed and
 * out-of-range numbers, NUL characters, deep nesting, JSON that is not an object, not JSON at all).
 * Every answer must be below 500 and every error must be Vault's body ({@code {"errors":[...]}}).
 * With the root token the requests stay on paths of their own, so that they cannot seal the shared
 * platform, revoke its root token or reconfigure {@code secret/} under the other black-box tests.
 * The counts by status are written to {@code target/generated-input-counts.txt}.
 */
class GeneratedInputBlackBoxIntegrationTests {

    private static final TestHttp HTTP = DevPlatform.http();
    private static final Map<Integer, LongAdder> COUNTS = new ConcurrentSkipListMap<>();

    /** Paths any caller may be sent to; {} is a generated segment. */
    private static final List<String> SAFE_PATHS = List.of("secret/data/fuzz/{}", "secret/metadata/fuzz/{}",
            "secret/delete/fuzz/{}", "secret/undelete/fuzz/{}", "secret/destroy/fuzz/{}", "secret/subkeys/fuzz/{}",
            "sys/policies/acl/fuzz-{}", "sys/policy/fuzz-{}", "sys/mounts/fuzz-{}", "sys/mounts/fuzz-{}/tune",
            "fuzz-{}/data/x", "auth/token/create", "auth/token/create-orphan", "auth/token/lookup", "auth/token/lookup-self",
            "auth/token/lookup-accessor", "auth/token/renew", "auth/token/revoke", "auth/token/revoke-accessor",
            "auth/token/revoke-orphan", "auth/token/accessors", "auth/token/roles/{}", "sys/capabilities",
            "sys/capabilities-self", "sys/capabilities-accessor", "sys/init", "sys/unseal", "sys/seal-status",
            "sys/health", "sys/leader", "sys/mounts", "sys/auth", "sys/audit", "sys/audit-hash/store",
            "sys/audit-hash/{}", "sys/audit/fuzz-{}", "sys/internal/ui/mounts", "sys/internal/ui/mounts/secret",
            "sys/internal/specs/openapi", "sys/key-status", "sys/metrics", "sys/policies/acl", "{}", "secret/{}",
            "sys/{}", "auth/{}", "secret/data/fuzz/{}?version={}", "secret/metadata/fuzz?list={}", "sys/health?standbycode={}");

    /** Paths that would change the shared platform under the other tests: only without a valid token. */
    private static final List<String> UNSAFE_PATHS = List.of("sys/seal", "sys/step-down", "auth/token/revoke-self",
            "secret/config", "sys/remount", "sys/rotate", "sys/mounts/secret", "sys/mounts/secret/tune",
            "sys/audit/store", "auth/token/renew-self", "sys/policies/acl/default", "sys/policy/default");

    private static final List<String> FIELDS = List.of("data", "options", "version", "versions", "max_versions", "cas",
            "cas_required", "delete_version_after", "policy", "policies", "rules", "ttl", "num_uses", "period",
            "renewable", "meta", "display_name", "id", "type", "secret_shares", "secret_threshold", "recovery_shares",
            "key", "reset", "input", "path", "paths", "token", "accessor", "custom_metadata", "no_parent",
            "no_default_policy", "explicit_max_ttl", "config", "description", "default_lease_ttl", "max_lease_ttl",
            "increment", "from", "to", "local", "seal_wrap", "file_path", "format", "list", "x");

    @Property(tries = 2500, shrinking = ShrinkingMode.BOUNDED)
    void everyAnswerIsBelow500AndEveryErrorIsVaults(@ForAll("requests") Call call) {
        TestHttp.Response r;
        try {
            r = HTTP.send(call.method(), call.path(), call.body(), call.headers());
        } catch (IllegalArgumentException refusedByTheClient) {
            return;
        }
        COUNTS.computeIfAbsent(r.status(), s -> new LongAdder()).increment();
        assertThat(r.status()).as("%s", call).isLessThan(500);
        if (r.status() >= 400 && !call.method().equals("HEAD")) {
            JsonNode body = TestHttp.JSON.readTree(r.body());
            // Vault's error body, or (as Vault answers a kv v2 path without data/ or metadata/) its
            // response envelope with warnings
            boolean vaultError = body.isObject() && body.path("errors").isArray();
            boolean vaultEnvelope = body.isObject() && body.has("request_id") && body.path("warnings").isArray();
            assertThat(vaultError || vaultEnvelope).as("%s -> %s %s", call, r.status(), r.body()).isTrue();
            body.path("errors").forEach(e -> assertThat(e.isString()).as("%s -> %s", call, r.body()).isTrue());
        }
    }

    @AfterContainer
    static void recordCounts() throws IOException {
        Map<Integer, Long> counts = new TreeMap<>();
        COUNTS.forEach((status, n) -> counts.put(status, n.sum()));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        String line = "generated requests: " + total + " sent; by status: "
                + counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        System.out.println(line);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "generated-input-counts.txt"), line + "\n");
    }

    /** One request. */
    record Call(String method, String path, String body, String[] headers) {
        @Override
        public String toString() {
            String b = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + ")" : body;
            return method + " " + path + " [" + String.join(" ", headers) + "] " + b;
        }
    }

    @Provide
    Arbitrary<Call> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "LIST", "HEAD");
        Arbitrary<String> token = Arbitraries.of("root", "root", "none", "wrong", "empty", "bearer-wrong");
        return Combinators.combine(method, token, Arbitraries.integers().between(0, 999), segment(), segment(), body())
                .as((m, t, pick, seg, seg2, body) -> {
                    boolean root = t.equals("root");
                    List<String> pool = root || pick % 3 != 0 ? SAFE_PATHS : UNSAFE_PATHS;
                    String template = pool.get(pick % pool.size());
                    String path = "/v1/" + template.replaceFirst("\\{}", seg).replace("{}", seg2);
                    String[] headers = switch (t) {
                        case "root" -> new String[] {"X-Vault-Token", DevPlatform.ROOT_TOKEN};
                        case "wrong" -> new String[] {"X-Vault-Token", "hvs.wrong-" + seg};
                        case "empty" -> new String[] {"X-Vault-Token", ""};
                        case "bearer-wrong" -> new String[] {"Authorization", "Bearer hvs.x" + seg};
                        default -> new String[0];
                    };
                    return new Call(m, path, m.equals("HEAD") || m.equals("GET") && pick % 7 != 0 ? null : body, headers);
                });
    }

    /** A path segment: usually plain, sometimes percent-encoded oddities. */
    private static Arbitrary<String> segment() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> odd = Arbitraries.strings().all().ofMaxLength(8).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        Arbitrary<String> special = Arbitraries.of("..", ".", "", "a/b", "a//b", "%2e%2e", "true", "-1", "99999999999999999999", "1e309");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(2, odd), net.jqwik.api.Tuple.of(1, special));
    }

    private static Arbitrary<String> body() {
        Arbitrary<String> object = jsonObject(3);
        Arbitrary<String> hostile = Arbitraries.of("null", "[]", "5", "\"x\"", "true", "{", "}", "{\"a\":}", "{\"a\":1}{\"b\":2}",
                "{\"data\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}", "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
                "{\"policy\":\"" + "{ a = ".repeat(10_000) + "\"}", "{\"policy\":\"path \\\"a\\\" { capabilities = [\\\"read\\\"] }\\u0000\"}",
                "{\"data\":{\"k\":\"\\u0000\"}}", "{\"meta\":{\"\\u0000\":\"x\"}}", "{\"display_name\":\"" + "d".repeat(100_000) + "\"}",
                "\u0000", "\uFEFF{}", "{\"a\":1e999999}", "{\"a\":-0}", "{\"a\":\"\\ud800\"}");
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, object), net.jqwik.api.Tuple.of(3, hostile),
                net.jqwik.api.Tuple.of(1, garbage), net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    }

    private static Arbitrary<String> jsonObject(int depth) {
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of(FIELDS), value(depth))
                .as((k, v) -> TestHttp.JSON.writeValueAsString(k) + ":" + v);
        return entry.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("0", "1", "-1", "2", "2147483647", "2147483648", "4294967297", "-9223372036854775809",
                        "9223372036854775808", "1e308", "1e309", "1e-400", "1.5", "-0", "0.0000000000000000000001",
                        "true", "false", "null", "\"\"", "\"1h\"", "\"30m\"", "\"-1s\"", "\"0\"", "\"abc\"", "\"true\"",
                        "\"99999999999999999999\"", "\"9999999999999999h\"", "\"kv\"", "\"2\"", "\"default\"", "\"root\"",
                        "\"\\u0000\"", "\"a,b\"", "[\"read\",\"list\"]", "[\"root\"]", "[]", "{}",
                        "\"path \\\"fuzz/*\\\" { capabilities = [\\\"read\\\"] }\""),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().all().ofMaxLength(20).map(TestHttp.JSON::writeValueAsString));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> jsonObject(depth - 1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(l -> "[" + String.join(",", l) + "]")));
    }
}
