package dev.arca.core.local;

import dev.arca.core.api.VaultErrorHandler;
import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.SealedFilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's in-process entrance: the {@link LocalRoute}s it answers without HTTP, with what its web
 * stack adds around its controllers over HTTP: Vault's 503 on {@code /v1/} while sealed, exceptions
 * turned into Vault's error body by the same {@link VaultErrorHandler}, the JSON body, and the
 * invalidations mark. Registered in the process's {@link LocalServices} while the service runs.
 *
 * <p>The gateway-signed context is not needed here: it proves a call's origin across a process
 * boundary, and a local call comes from code in this JVM, which already holds the keys.
 */
public final class LocalEndpoint implements SmartLifecycle {

    private final String service;
    private final @Nullable LocalServices directory;
    private final List<LocalRoute> routes;
    private final Barrier barrier;
    private final JsonMapper json;
    private final VaultErrorHandler errors = new VaultErrorHandler();
    private volatile boolean running;

    public LocalEndpoint(String service, @Nullable LocalServices directory, List<LocalRoute> routes, Barrier barrier,
            JsonMapper json) {
        this.service = service;
        this.directory = directory;
        this.routes = List.copyOf(routes);
        this.barrier = barrier;
        this.json = json;
    }

    /**
     * Answers a call in process.
     *
     * @return null when no local route takes the call; the caller then sends it over HTTP
     */
    public @Nullable LocalReply call(LocalCall call) {
        LocalRoute route = route(call);
        if (route == null) {
            return null;
        }
        if (SealedFilter.guards(call.path()) && barrier.isSealed()) {
            return reply(errors.vault(VaultException.sealed()), false);
        }
        // The calling thread may be serving the caller's own HTTP request: this service must not see it.
        RequestAttributes callersRequest = RequestContextHolder.getRequestAttributes();
        RequestContextHolder.resetRequestAttributes();
        try (LocalCallScope scope = LocalCallScope.open()) {
            ResponseEntity<?> answer;
            try {
                answer = route.handler().handle(call);
            } catch (VaultException e) {
                answer = errors.vault(e);
            } catch (RuntimeException e) {
                answer = errors.system(e);
            }
            return reply(answer, scope.invalidationsPublished());
        } finally {
            RequestContextHolder.setRequestAttributes(callersRequest);
        }
    }

    private @Nullable LocalRoute route(LocalCall call) {
        for (LocalRoute r : routes) {
            if (r.matches(call)) {
                return r;
            }
        }
        return null;
    }

    /** The body as the service's HTTP message converters would write it. */
    private LocalReply reply(ResponseEntity<?> answer, boolean published) {
        Object body = answer.getBody();
        MediaType declared = answer.getHeaders().getContentType();
        String type = declared == null ? null : declared.toString();
        byte[] bytes;
        JsonNode tree = null;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof byte[] b) {
            bytes = b;
            type = type == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : type;
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            type = type == null ? "text/plain;charset=UTF-8" : type;
        } else {
            tree = json.valueToTree(body);
            bytes = json.writeValueAsBytes(tree);
            type = type == null ? MediaType.APPLICATION_JSON_VALUE : type;
        }
        return new LocalReply(answer.getStatusCode().value(), type, bytes, published, tree,
                dev.arca.core.api.RelayedHeaders.of(answer.getHeaders()::get));
    }

    @Override
    public void start() {
        running = true;
        if (directory != null && !routes.isEmpty()) {
            directory.register(service, this);
        }
    }

    @Override
    public void stop() {
        if (directory != null) {
            directory.unregister(service, this);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
