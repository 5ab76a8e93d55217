package dev.arca.transit;

import dev.arca.test.TestGateway;
import dev.arca.test.TestHttp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Calls on one transit mount with a signed root context, as the gateway forwards them. */
public record TransitMount(TestHttp http, String path, String accessor) {

    public TestHttp.Response call(String method, String rel, @Nullable Object body) {
        String operation = switch (method) {
            case "GET" -> "read";
            case "LIST" -> "list";
            case "DELETE" -> "delete";
            default -> "update";
        };
        int query = rel.indexOf('?');
        String bearer = TestGateway.bearer(TestGateway.context(operation, path + (query < 0 ? rel : rel.substring(0, query)), path, accessor,
                "transit", Map.of(),
                List.of("root")), "transit");
        if (method.equals("LIST")) {
            return http.send("GET", "/v1/" + path + rel + "?list=true", null, "Authorization", bearer);
        }
        return http.send(method, "/v1/" + path + rel, body, "Authorization", bearer);
    }

    public TestHttp.Response post(String rel, Object body) {
        return call("POST", rel, body);
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

    /** The first error text of a call that must fail with {@code status}. */
    public String error(int status, String method, String rel, @Nullable Object body) {
        TestHttp.Response r = call(method, rel, body);
        if (r.status() != status) {
            throw new AssertionError(method + " " + rel + " expected " + status + " but was " + r.status() + ": " + r.body());
        }
        return r.json().path("errors").path(0).asString();
    }

    public static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    public static byte[] unb64(String s) {
        return Base64.getDecoder().decode(s);
    }
}
