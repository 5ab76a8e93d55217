package dev.arca.pki;

import dev.arca.core.context.RequestContext;
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
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Calls on one pki mount with a signed root context, as the gateway forwards them. */
public record PkiMount(TestHttp http, String baseUrl, String path, String accessor) {

    public static final long TEN_YEARS = 87_600L * 3600;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String bearer(String method, String rel) {
        String operation = switch (method) {
            case "GET" -> "read";
            case "LIST" -> "list";
            case "DELETE" -> "delete";
            case "PATCH" -> "patch";
            default -> "update";
        };
        // the gateway signs the decoded path; mounts are tuned to a ten-year max TTL, as a CA mount is
        String decoded = URI.create("/" + rel).getPath().substring(1);
        RequestContext ctx = new RequestContext(UUID.randomUUID().toString(), operation, path + decoded, path, accessor, "pki", Map.of(),
                "test-accessor", "", "test", List.of("root"), "127.0.0.1", 0, TEN_YEARS, "");
        return TestGateway.bearer(ctx, "pki");
    }

    public TestHttp.Response call(String method, String rel, @Nullable Object body) {
        if (method.equals("LIST")) {
            return http.send("GET", "/v1/" + path + rel + "?list=true", null, "Authorization", bearer(method, rel));
        }
        return http.send(method, "/v1/" + path + rel, body, "Authorization", bearer(method, rel));
    }

    /** A raw answer: status, content type and bytes. */
    public record Raw(int status, String contentType, byte[] body) {
    }

    public Raw raw(String method, String rel, byte @Nullable [] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/" + path + rel)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer(method, rel))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Raw get(String rel) {
        return raw("GET", rel, null, "");
    }

    /** The {@code data} of a call that must answer 200. */
    public JsonNode data(String method, String rel, @Nullable Object body) {
        TestHttp.Response r = call(method, rel, body);
        if (r.status() != 200) {
            throw new AssertionError(method + " " + rel + " expected 200 but was " + r.status() + ": " + r.body());
        }
        return r.json().path("data");
    }

    public JsonNode postOk(String rel, Object body) {
        return data("POST", rel, body);
    }

    public JsonNode read(String rel) {
        return data("GET", rel, null);
    }

    /** The first error text of a call that must fail with {@code status}. */
    public String error(int status, String method, String rel, @Nullable Object body) {
        TestHttp.Response r = call(method, rel, body);
        if (r.status() != status) {
            throw new AssertionError(method + " " + rel + " expected " + status + " but was " + r.status() + ": " + r.body());
        }
        return r.json().path("errors").path(0).asString();
    }
}
