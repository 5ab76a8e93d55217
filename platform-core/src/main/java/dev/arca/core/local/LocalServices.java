package dev.arca.core.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The directory of services running in this JVM. The launcher that starts several services in one
 * process makes one and gives it to every service's context; each service registers its
 * {@link LocalEndpoint} under its name, and callers look it up before they fall back to HTTP.
 * Without it (each service in its own process) every call travels over HTTP.
 */
public final class LocalServices {

    /** The bean name under which the launcher registers the directory in each context. */
    public static final String BEAN_NAME = "arcaLocalServices";

    private final Map<String, LocalEndpoint> endpoints = new ConcurrentHashMap<>();

    void register(String service, LocalEndpoint endpoint) {
        endpoints.put(service, endpoint);
    }

    void unregister(String service, LocalEndpoint endpoint) {
        endpoints.remove(service, endpoint);
    }

    /** The service's endpoint in this JVM, or null when it runs elsewhere (or has stopped). */
    public @Nullable LocalEndpoint find(String service) {
        return endpoints.get(service);
    }
}
