package dev.arca.identity.jwt;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import dev.arca.core.api.VaultException;
import dev.arca.identity.login.PemTrust;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * HTTP to an identity provider (discovery, JWKS, token endpoint): connect and read timeouts, answers
 * bounded in size, TLS trusting the configured CA certificates (else the JVM's). Failures never carry
 * what was sent: a code or a client secret stays out of every message.
 */
final class ProviderClient implements ResourceRetriever {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);
    /** Discovery documents, key sets and token answers are small; a larger answer is refused. */
    static final int MAX_ANSWER = 1 << 20;

    private final HttpClient http;

    /** @param caPem PEM certificates to trust, or empty for the JVM's trust store */
    ProviderClient(String caPem) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        if (!caPem.isBlank()) {
            b.sslContext(trusting(caPem));
        }
        this.http = b.build();
    }

    private static SSLContext trusting(String caPem) {
        List<X509Certificate> cas = PemTrust.certificates(caPem);
        if (cas.isEmpty()) {
            throw VaultException.badRequest("could not parse CA PEM");
        }
        try {
            return PemTrust.trusting(cas);
        } catch (GeneralSecurityException e) {
            throw VaultException.badRequest("could not parse CA PEM");
        }
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(toUri(url)).timeout(READ_TIMEOUT).header("Accept", "application/json").GET().build();
        return new Resource(send(req, "GET"), "application/json");
    }

    /** GETs a JSON document. */
    String get(String url) throws IOException {
        return retrieveResource(URI.create(url).toURL()).getContent();
    }

    /** POSTs a form with HTTP basic client authentication (RFC 6749 section 2.3.1), answering the body. */
    String postForm(String url, Map<String, String> form, String clientId, String clientSecret) throws IOException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(READ_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(req, "POST");
    }

    private String send(HttpRequest req, String method) throws IOException {
        HttpResponse<InputStream> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        try (InputStream in = res.body()) {
            byte[] data = in.readNBytes(MAX_ANSWER + 1);
            if (data.length > MAX_ANSWER) {
                throw new IOException(method + " " + req.uri().getHost() + ": answer larger than " + MAX_ANSWER + " bytes");
            }
            if (res.statusCode() != 200) {
                throw new IOException(method + " " + req.uri().getHost() + ": status " + res.statusCode());
            }
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private static URI toUri(URL url) throws IOException {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException("invalid URL");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
