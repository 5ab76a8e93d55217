package dev.arca.standalone;

import dev.arca.audit.AuditApplication;
import dev.arca.core.context.ContextKeys;
import dev.arca.core.local.LocalServices;
import dev.arca.database.DatabaseApplication;
import dev.arca.gateway.GatewayApplication;
import dev.arca.gateway.seal.StartupUnseal;
import dev.arca.identity.IdentityApplication;
import dev.arca.kv.KvApplication;
import dev.arca.pki.PkiApplication;
import dev.arca.transit.TransitApplication;
import dev.arca.lease.LeaseApplication;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every service in one JVM, each in its own Spring context and port, sharing one database (one schema
 * each). The internal context-signing key pair is made at start and lives only in memory. The gateway
 * calls the services in process where they offer it ({@link LocalServices}), else over HTTP.
 */
public final class Platform implements AutoCloseable {

    /**
     * How to start.
     *
     * @param gatewayAddress    listen address of the public API
     * @param gatewayPort       its port (0 picks a free one)
     * @param managementPort    the gateway's loopback port for {@code /actuator/health} and
     *                          {@code /actuator/prometheus}, which the public port does not serve (0 picks a free one)
     * @param servicePortsRandom whether the internal services take free ports instead of their defaults;
     *                           in one JVM they are reached only through the gateway, so any free port will do
     * @param localCalls        whether the gateway calls the services in process where they offer it
     *                           ({@link LocalServices}); false sends every internal call over HTTP, as
     *                           between separate processes
     * @param extraGateway      more gateway properties (seal, dev, TLS)
     * @param extraServices     more services to run beside the built-in ones, by name (e.g. an engine of
     *                          its own); the gateway learns their backends from their catalogs
     */
    public record Options(Database database, String gatewayAddress, int gatewayPort, int managementPort,
            boolean servicePortsRandom, boolean localCalls, Map<String, Object> extraGateway,
            Map<String, Supplier<SpringApplicationBuilder>> extraServices, Map<String, Object> extraShared) {

        public Options(Database database, String gatewayAddress, int gatewayPort, int managementPort,
                boolean servicePortsRandom, boolean localCalls, Map<String, Object> extraGateway) {
            this(database, gatewayAddress, gatewayPort, managementPort, servicePortsRandom, localCalls, extraGateway, Map.of());
        }

        public Options(Database database, String gatewayAddress, int gatewayPort, int managementPort,
                boolean servicePortsRandom, boolean localCalls, Map<String, Object> extraGateway,
                Map<String, Supplier<SpringApplicationBuilder>> extraServices) {
            this(database, gatewayAddress, gatewayPort, managementPort, servicePortsRandom, localCalls, extraGateway, extraServices,
                    Map.of());
        }

        /** The same options with settings every service (the gateway included) reads, e.g. the system's TTLs. */
        public Options shared(Map<String, Object> settings) {
            return new Options(database, gatewayAddress, gatewayPort, managementPort, servicePortsRandom, localCalls, extraGateway,
                    extraServices, settings);
        }
    }

    private static final Map<String, Supplier<SpringApplicationBuilder>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("identity", IdentityApplication::builder);
        SERVICES.put("kv", KvApplication::builder);
        SERVICES.put("transit", TransitApplication::builder);
        SERVICES.put("database", DatabaseApplication::builder);
        SERVICES.put("pki", PkiApplication::builder);
        SERVICES.put("audit", AuditApplication::builder);
        SERVICES.put("lease", LeaseApplication::builder);
    }

    private final List<ConfigurableApplicationContext> contexts;
    private final ConfigurableApplicationContext gateway;
    private final @Nullable LocalServices localServices;

    private Platform(List<ConfigurableApplicationContext> contexts, ConfigurableApplicationContext gateway,
            @Nullable LocalServices localServices) {
        this.contexts = contexts;
        this.gateway = gateway;
        this.localServices = localServices;
    }

    /** The database schemas the platform's services keep their tables in: one per service, named after it. */
    static List<String> schemas() {
        List<String> all = new java.util.ArrayList<>(SERVICES.keySet());
        all.add("gateway");
        return all;
    }

    public static Platform start(Options options) {
        KeyPair keys = ContextKeys.generate();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("spring.datasource.url", options.database().url());
        common.put("spring.datasource.username", options.database().username());
        common.put("spring.datasource.password", options.database().password());
        common.put("spring.main.banner-mode", "off");
        common.put("spring.jmx.enabled", "false");
        common.put("spring.main.log-startup-info", "false");
        common.put("arca.internal.public-key", ContextKeys.encode(keys.getPublic()));
        common.putAll(options.extraShared());

        LocalServices locals = options.localCalls() ? new LocalServices() : null;
        ApplicationContextInitializer<ConfigurableApplicationContext> sharing = ctx -> {
            if (locals != null) {
                ctx.getBeanFactory().registerSingleton(LocalServices.BEAN_NAME, locals);
            }
        };
        // Services start in parallel; each thread needs the launcher's class loader (the executable jar's).
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        Map<String, Supplier<SpringApplicationBuilder>> services = new LinkedHashMap<>(SERVICES);
        services.putAll(options.extraServices());
        services.forEach((name, builder) -> starting.put(name, CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            Map<String, Object> props = new LinkedHashMap<>(common);
            if (options.servicePortsRandom()) {
                props.put("server.port", 0);
            }
            return builder.get().initializers(sharing).run(args(props));
        }, r -> Thread.ofPlatform().name("arca-start-" + name).start(r))));
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        Map<String, Object> gw = new LinkedHashMap<>(common);
        try {
            for (Map.Entry<String, CompletableFuture<ConfigurableApplicationContext>> e : starting.entrySet()) {
                ConfigurableApplicationContext ctx = e.getValue().join();
                started.add(ctx);
                gw.put("arca.services." + e.getKey() + ".url", "http://127.0.0.1:" + port(ctx));
            }
            gw.put("arca.internal.private-key", ContextKeys.encode(keys.getPrivate()));
            gw.put("server.address", options.gatewayAddress());
            gw.put("server.port", options.gatewayPort());
            gw.put("management.server.port", options.managementPort());
            gw.putAll(options.extraGateway());
            ConfigurableApplicationContext gateway = GatewayApplication.builder().initializers(sharing).run(args(gw));
            started.add(gateway);
            return new Platform(started, gateway, locals);
        } catch (RuntimeException e) {
            starting.values().forEach(f -> f.thenAccept(ConfigurableApplicationContext::close));
            throw e;
        }
    }

    public int gatewayPort() {
        return port(gateway);
    }

    /** The gateway's management port ({@code /actuator/health}, {@code /actuator/prometheus}). */
    public int managementPort() {
        return gateway.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    /** The directory through which the gateway calls the services in process, or null when it uses HTTP only. */
    public @Nullable LocalServices localServices() {
        return localServices;
    }

    /** The root token dev mode created, or null outside dev mode. */
    public @Nullable String devRootToken() {
        return gateway.getBean(StartupUnseal.class).devRootToken();
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }

    /** Command-line form, so these settings win over each service's own configuration file. */
    private static String[] args(Map<String, Object> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }
}
