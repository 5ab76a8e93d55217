package dev.arca.gateway.service;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.context.ContextSigner;
import dev.arca.core.local.LocalServices;
import dev.arca.gateway.config.GatewayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.interfaces.ECPrivateKey;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for one internal service at the HTTP level: a loopback server answering one path with
 * the test's handler, and a {@link ServiceClient} that reaches it under the service's name (no
 * co-located services, so every call goes over HTTP).
 */
public final class StandInService implements AutoCloseable {

    private final HttpServer server;
    private final ServiceClient client;
    private final GatewayProperties properties;
    private final ContextSigner signer = new ContextSigner((ECPrivateKey) ContextKeys.generate().getPrivate());
    private final AtomicBoolean stopped = new AtomicBoolean();

    public StandInService(String service, String path, JsonMapper json, HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(path, handler);
        server.start();
        properties = new GatewayProperties(Map.of(service, new GatewayProperties.Endpoint("http://127.0.0.1:" + server.getAddress().getPort())),
                new GatewayProperties.Seal("shamir", null), new GatewayProperties.Dev(false, null, java.util.List.of()));
        client = new ServiceClient(properties, signer, json, new StaticListableBeanFactory().getBeanProvider(LocalServices.class));
    }

    public ServiceClient client() {
        return client;
    }

    /** The gateway settings that point at this stand-in. */
    public GatewayProperties properties() {
        return properties;
    }

    /** The key the client signs contexts with. */
    public ContextSigner signer() {
        return signer;
    }

    /** Stops answering, as a service that is down; safe to call again. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            server.stop(0);
        }
    }
}
