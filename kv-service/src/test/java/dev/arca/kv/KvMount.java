package dev.arca.kv;

import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Calls on one KV mount as the gateway would forward them: the path under {@code /v1/}, and a
 * signed root context naming the mount, its accessor and options.
 */
public final class KvMount {

    private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestHttp http;
    private final int port;
    private final String path;
    private final String accessor;
    private final Map<String, String> options;

    KvMount(TestHttp http, int port, String path, String accessor, Map<String, String> options) {
        this.http = http;
        this.port = port;
        this.path = path;
        this.accessor = accessor;
        this.options = Map.copyOf(options);
    }

    public String path() {
        return path;
    }

    public String accessor() {
        return accessor;
    }

    public Map<String, String> options() {
        return options;
    }

    /** The same mount's data seen through another mount path (remount): same accessor. */
    public KvMount at(String otherPath) {
        return new KvMount(http, port, otherPath, accessor, options);
    }

    public TestHttp.Response read(String rel) {
        return send("GET", rel, null);
    }

    public TestHttp.Response write(String rel, Object body) {
        return send("POST", rel, body);
    }

    public TestHttp.Response delete(String rel) {
        return send("DELETE", rel, null);
    }

    public TestHttp.Response list(String rel) {
        return send("GET", rel + (rel.contains("?") ? "&" : "?") + "list=true", null);
    }

    public JsonNode ok(TestHttp.Response r) {
        if (r.status() != 200) {
            throw new AssertionError("expected 200 but was " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    public TestHttp.Response send(String method, String rel, @Nullable Object body) {
        return http.send(method, "/v1/" + path + rel, body, "Authorization", bearer(method, rel));
    }

    /** A call with a Content-Type of the caller's choice (PATCH needs merge-patch+json). */
    public TestHttp.Response sendAs(String method, String rel, String contentType, String body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/" + path + rel))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .header("Authorization", bearer(method, rel))
                .build();
        try {
            HttpResponse<String> r = RAW.send(req, HttpResponse.BodyHandlers.ofString());
            return new TestHttp.Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public TestHttp.Response patch(String rel, Object body) {
        return sendAs("PATCH", rel, "application/merge-patch+json", TestHttp.JSON.writeValueAsString(body));
    }

    private String bearer(String method, String rel) {
        String relPath = rel.contains("?") ? rel.substring(0, rel.indexOf('?')) : rel;
        String operation = switch (method) {
            case "GET" -> rel.contains("list=true") ? "list" : "read";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "update";
        };
        return TestGateway.bearer(TestGateway.context(operation, path + relPath, path, accessor, "kv", options,
                List.of("root")), "kv");
    }
}
