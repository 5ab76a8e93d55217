package dev.arca.gateway.service;

import dev.arca.core.api.RelayedHeaders;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.context.RequestContext;
import dev.arca.core.events.Invalidations;
import dev.arca.core.local.LocalCall;
import dev.arca.core.local.LocalEndpoint;
import dev.arca.core.local.LocalReply;
import dev.arca.core.local.LocalServices;
import dev.arca.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's side of the internal channel. A service running in this JVM is called in process
 * when it answers the path there; otherwise the call is HTTP/1.1 over pooled keep-alive connections,
 * carrying a context signed for the one service it goes to.
 */
@Component
public class ServiceClient {

    private static final byte[] EMPTY = new byte[0];
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final GatewayProperties props;
    private final ContextSigner signer;
    private final JsonMapper json;
    private final @Nullable LocalServices locals;

    public ServiceClient(GatewayProperties props, ContextSigner signer, JsonMapper json,
            @Qualifier(LocalServices.BEAN_NAME) ObjectProvider<LocalServices> locals) {
        this.locals = locals.getIfAvailable();
        this.props = props;
        this.signer = signer;
        this.json = json;
    }

    /**
     * What a service answered.
     *
     * @param invalidationsPublished the service published cache invalidations while handling the call
     *                               ({@link Invalidations#PUBLISHED_HEADER})
     * @param headers                the answer's headers the gateway relays ({@link RelayedHeaders})
     */
    public record Reply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished,
            @Nullable JsonNode tree, Map<String, List<String>> headers) {

        public Reply(int status, @Nullable String contentType, byte[] body, boolean invalidationsPublished) {
            this(status, contentType, body, invalidationsPublished, null, Map.of());
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends one call: in process when the service runs in this JVM and answers the path there
     * ({@link LocalServices}), else over HTTP with a context signed for that one service.
     *
     * @param pathAndQuery starting with {@code /}, e.g. {@code /v1/secret/data/a?version=2}
     * @param extraHeaders name, value pairs
     * @throws ServiceUnavailableException when the service cannot be reached
     */
    public Reply send(String service, String method, String pathAndQuery, RequestContext ctx,
            byte @Nullable [] body, @Nullable String contentType, String... extraHeaders) {
        return exchange(service, method, pathAndQuery, ctx, () -> signer.sign(ctx, List.of(service)),
                new Body(body, contentType, null), extraHeaders);
    }

    /**
     * Forwards an API call: in process the service takes the body as the tree the gateway already parsed
     * and answers with its body as a tree too (neither side parses again); over HTTP the raw bytes travel.
     *
     * @param tree the parsed body, or null
     */
    public Reply forward(String service, String method, String pathAndQuery, Map<String, String> params, RequestContext ctx,
            byte @Nullable [] raw, @Nullable JsonNode tree, @Nullable String contentType, String... extraHeaders) {
        return exchange(service, method, pathAndQuery, ctx, () -> signer.sign(ctx, List.of(service)),
                new Body(raw, contentType, tree, params), extraHeaders);
    }

    /** Sends a JSON body (or none) and returns the reply. */
    public Reply sendJson(String service, String method, String path, RequestContext ctx, @Nullable Object body) {
        byte[] bytes = body == null ? null : json.writeValueAsBytes(body);
        return send(service, method, path, ctx, bytes, bytes == null ? null : "application/json");
    }

    /**
     * Sends a JSON tree under a context the caller signed (e.g. one it signs once and reuses, asked
     * for only when the call goes over HTTP). A service in this JVM takes the tree as it is; over
     * HTTP it travels as JSON text.
     *
     * @param signedContext the compact JWT of {@code ctx} for {@code service}, without the {@code Bearer } prefix
     */
    public Reply sendJson(String service, String method, String path, RequestContext ctx, Supplier<String> signedContext,
            JsonNode body) {
        return exchange(service, method, path, ctx, signedContext, new Body(null, "application/json", body));
    }

    /** A call's body: bytes, or a JSON tree serialised only when the call goes over HTTP. */
    private record Body(byte @Nullable [] bytes, @Nullable String contentType, @Nullable JsonNode tree,
            @Nullable Map<String, String> params) {

        Body(byte @Nullable [] bytes, @Nullable String contentType, @Nullable JsonNode tree) {
            this(bytes, contentType, tree, null);
        }
    }

    private Reply exchange(String service, String method, String pathAndQuery, RequestContext ctx,
            Supplier<String> signedContext, Body body, String... extraHeaders) {
        LocalEndpoint local = locals == null ? null : locals.find(service);
        if (local != null) {
            int q = pathAndQuery.indexOf('?');
            Map<String, String> headers = extraHeaders.length == 0 ? Map.of() : new HashMap<>();
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                headers.put(extraHeaders[i], extraHeaders[i + 1]);
            }
            LocalReply r = local.call(new LocalCall(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
                    q < 0 ? "" : pathAndQuery.substring(q + 1), ctx, body.bytes() == null ? EMPTY : body.bytes(),
                    body.tree(), body.contentType(), headers, body.params()));
            if (r != null) {
                return new Reply(r.status(), r.contentType(), r.body(), r.invalidationsPublished(), r.tree(), r.headers());
            }
        }
        byte[] bytes = body.bytes() != null ? body.bytes() : body.tree() != null ? json.writeValueAsBytes(body.tree()) : null;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(props.url(service) + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + signedContext.get())
                .method(method, bytes == null || bytes.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (body.contentType() != null) {
            b.header("Content-Type", body.contentType());
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                    r.headers().firstValue(Invalidations.PUBLISHED_HEADER).isPresent(), null,
                    RelayedHeaders.of(r.headers()::allValues));
        } catch (IOException e) {
            throw new ServiceUnavailableException(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, e);
        }
    }

    public JsonNode parse(Reply reply) {
        return reply.body().length == 0 ? json.missingNode() : json.readTree(reply.body());
    }
}
