package dev.arca.identity.kubernetes;

import dev.arca.identity.login.PemTrust;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two calls the kubernetes auth method makes to the API server: a TokenReview of the caller's
 * token, and a namespace's labels for a role's namespace selector. Each has connect and read
 * timeouts, a deadline on the whole answer, and reads at most {@link #MAX_BODY} bytes; the API server's TLS certificate is checked
 * against the configured CA (the system's trust store when none is set). Any failure is a
 * {@link Failure} whose message never holds a token.
 */
@Component
class KubernetesApi {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BODY = 1 << 20;
    private static final int MAX_CLIENTS = 64;

    /** Where the API server is and the CA its certificate chains to (empty for the system's). */
    record Endpoint(String host, String caCert) {
    }

    /** An authenticated TokenReview's user. */
    record Reviewed(String namespace, String name, String uid, List<String> audiences) {
    }

    /** The API server could not be asked, or refused or denied what was asked. */
    static final class Failure extends RuntimeException {
        Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    private final JsonMapper json;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Autowired
    KubernetesApi(JsonMapper json) {
        this(json, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    KubernetesApi(JsonMapper json, Duration connectTimeout, Duration readTimeout) {
        this.json = json;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** {@code POST /apis/authentication.k8s.io/v1/tokenreviews} of {@code jwt}, asking for {@code audience} when set. */
    Reviewed review(Endpoint e, String bearer, String jwt, String audience) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("token", jwt);
        if (!audience.isEmpty()) {
            spec.put("audiences", List.of(audience));
        }
        Map<String, Object> body = Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "TokenReview", "spec", spec);
        HttpRequest.Builder req = request(e, "/apis/authentication.k8s.io/v1/tokenreviews", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        JsonNode status = send(e, req).path("status");
        if (!status.path("error").asString("").isEmpty() || !status.path("authenticated").asBoolean(false)) {
            throw new Failure("lookup failed: service account jwt not valid");
        }
        String[] user = status.path("user").path("username").asString("").split(":");
        if (user.length != 4 || !user[0].equals("system") || !user[1].equals("serviceaccount")) {
            throw new Failure("lookup failed: the reviewed user is not a service account");
        }
        List<String> audiences = new ArrayList<>();
        status.path("audiences").forEach(a -> audiences.add(a.asString("")));
        return new Reviewed(user[2], user[3], status.path("user").path("uid").asString(""), audiences);
    }

    /** {@code GET /api/v1/namespaces/<namespace>}: its labels. */
    Map<String, String> namespaceLabels(Endpoint e, String bearer, String namespace) {
        JsonNode ns = send(e, request(e, "/api/v1/namespaces/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8), bearer).GET());
        Map<String, String> labels = new LinkedHashMap<>();
        ns.path("metadata").path("labels").properties().forEach(p -> labels.put(p.getKey(), p.getValue().asString("")));
        return labels;
    }

    private HttpRequest.Builder request(Endpoint e, String path, String bearer) {
        URI uri;
        try {
            uri = URI.create(e.host().replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException ex) {
            throw new Failure("invalid kubernetes_host");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(readTimeout).header("Accept", "application/json");
        if (!bearer.isEmpty()) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private JsonNode send(Endpoint e, HttpRequest.Builder req) {
        CompletableFuture<HttpResponse<byte[]>> pending = client(e.caCert()).sendAsync(req.build(), info -> new CappedBody(MAX_BODY));
        HttpResponse<byte[]> res;
        try {
            // the request's timeout ends at the headers: the deadline here bounds the body too
            res = pending.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            pending.cancel(true);
            throw new Failure("the API server did not answer in time");
        } catch (ExecutionException ex) {
            throw new Failure("the API server did not answer: " + ex.getCause().getClass().getSimpleName());
        } catch (InterruptedException ex) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        if (res.statusCode() == 401 || res.statusCode() == 403) {
            throw new Failure("lookup failed: service account unauthorized; this could mean it has been deleted or recreated with a new token");
        }
        if (res.statusCode() / 100 != 2) {
            throw new Failure("the API server answered " + res.statusCode());
        }
        try {
            return json.readTree(res.body());
        } catch (JacksonException ex) {
            throw new Failure("unreadable answer from the API server");
        }
    }

    private HttpClient client(String caCert) {
        HttpClient c = clients.get(caCert);
        if (c != null) {
            return c;
        }
        if (clients.size() >= MAX_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(caCert, ca -> HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(tls(ca)).build());
    }

    private static SSLContext tls(String caCert) {
        try {
            return caCert.isEmpty() ? SSLContext.getDefault() : PemTrust.trusting(parseCertificates(caCert));
        } catch (GeneralSecurityException e) {
            throw new Failure("kubernetes_ca_cert cannot be used");
        }
    }

    /** The certificates of a PEM bundle; empty when it holds none. */
    static List<X509Certificate> parseCertificates(String pem) {
        return PemTrust.certificates(pem);
    }
}
