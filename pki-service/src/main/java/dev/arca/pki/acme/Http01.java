package dev.arca.pki.acme;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code http-01} check (RFC 8555 section 8.3): fetches
 * {@code http://<domain>:<port>/.well-known/acme-challenge/<token>} with connect and read timeouts,
 * reads at most {@link #MAX_BODY} bytes, no redirects, and compares the body (trailing whitespace
 * trimmed) with the key authorization. The port is 80 as the RFC says; the operator setting
 * {@code arca.pki.acme.http01-port} changes it (for test set-ups that cannot bind port 80).
 */
@Component
public class Http01 {

    static final int MAX_BODY = 8 * 1024;
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration READ = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    public Http01(@Value("${arca.pki.acme.http01-port:80}") int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("arca.pki.acme.http01-port must be 1 to 65535");
        }
        this.port = port;
    }

    /** Null when the domain served the key authorization, else why not (no secret in it). */
    public @Nullable String check(String domain, String token, String keyAuthorization) {
        URI uri;
        try {
            uri = new URI("http", null, domain, port, "/.well-known/acme-challenge/" + token, null, null);
        } catch (java.net.URISyntaxException e) {
            return "the identifier is not a valid host";
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(READ).GET().build();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    return "the challenge URL answered HTTP " + r.statusCode();
                }
                byte[] body = in.readNBytes(MAX_BODY + 1);
                if (body.length > MAX_BODY) {
                    return "the challenge response is larger than " + MAX_BODY + " bytes";
                }
                String text = new String(body, StandardCharsets.UTF_8).stripTrailing();
                return java.security.MessageDigest.isEqual(text.getBytes(StandardCharsets.UTF_8),
                        keyAuthorization.getBytes(StandardCharsets.UTF_8)) ? null : "the key authorization served does not match";
            }
        } catch (IOException e) {
            return "the challenge URL could not be fetched";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
