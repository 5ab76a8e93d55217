package dev.arca.gateway.api;

import dev.arca.core.context.RequestContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@code arca.requests}: every API call the gateway answers, timed and tagged with bounded values only:
 * the mount's type, the operation and the status class. Never a path, token or address.
 */
@Component
public class RequestMetrics {

    private final @Nullable MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable();
    }

    void record(RequestContext ctx, int status, long startedNanos) {
        if (registry == null) {
            return;
        }
        String type = ctx.mountType().isEmpty() ? "none" : ctx.mountType();
        String statusClass = (status / 100) + "xx";
        timers.computeIfAbsent(type + '|' + ctx.operation() + '|' + statusClass, k -> Timer.builder("arca.requests")
                .description("API calls answered by the gateway")
                .tag("type", type).tag("operation", ctx.operation()).tag("status", statusClass)
                .register(registry)).record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
