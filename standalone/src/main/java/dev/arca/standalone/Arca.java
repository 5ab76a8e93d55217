package dev.arca.standalone;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * The {@code arca} command: {@code dev} (everything in memory, initialised and unsealed, like
 * {@code vault server -dev}) and {@code server -config FILE} (starts uninitialised from a config file).
 */
public final class Arca {

    /** The gateway's management port unless {@code ARCA_MANAGEMENT_PORT} says otherwise: beside Vault's 8200. */
    static final int DEFAULT_MANAGEMENT_PORT = 8209;

    private Arca() {
    }

    public static void main(String[] args) throws Exception {
        // Several Spring contexts start at once; letting each re-initialise logback would race and
        // duplicate appenders. logback.xml alone configures logging.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        int managementPort;
        try {
            managementPort = managementPort(System.getenv("ARCA_MANAGEMENT_PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println("Arca failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Platform platform;
        String scheme = "http";
        long started = System.nanoTime();
        switch (args[0]) {
            case "dev" -> {
                Database db;
                try {
                    db = Database.fromEnvironment();
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    System.err.println("Arca failed to start: " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
                    System.exit(1);
                    return;
                }
                byte[] sealKey = new byte[32];
                new SecureRandom().nextBytes(sealKey);
                Map<String, Object> gw = DevMode.gatewaySettings(sealKey, System.getenv("ARCA_DEV_ROOT_TOKEN"));
                String listen = System.getenv().getOrDefault("ARCA_DEV_LISTEN_ADDRESS", "127.0.0.1:8200");
                int colon = listen.lastIndexOf(':');
                platform = startOrExit(new Platform.Options(db, listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)),
                        managementPort, true, true, gw), db);
                String addr = "http://" + listen;
                System.out.printf("""

                        ==> Arca dev server started in %.1f s. Do not run dev mode in production: all data is lost at exit.

                            Api Address: %s
                            Unseal Key:  %s
                            Root Token:  %s
                            Database:    %s%s
                            Metrics:     http://127.0.0.1:%d/actuator/prometheus

                        You may need to set:

                            export VAULT_ADDR='%s'
                            export VAULT_TOKEN='%s'

                        """, (System.nanoTime() - started) / 1e9, addr, Base64.getEncoder().encodeToString(sealKey), platform.devRootToken(), db.url(),
                        db.server() == null ? "" : "\n    DB Login:    postgres, password random (ARCA_DEV_DB_PASSWORD chooses it)", platform.managementPort(), addr,
                        platform.devRootToken());
            }
            case "server" -> {
                if (args.length < 3 || !args[1].replaceFirst("^--?", "").equals("config")) {
                    usage();
                    System.exit(2);
                    return;
                }
                ServerConfig cfg;
                try {
                    // the whole config is checked before anything touches the database
                    cfg = ServerConfig.load(Path.of(args[2])).checked();
                } catch (IllegalArgumentException | java.io.IOException e) {
                    System.err.println("Error loading configuration from " + args[2] + ": " + e.getMessage());
                    System.exit(1);
                    return;
                }
                checkPrivilegesOrExit(cfg.database());
                Map<String, Object> gw = new LinkedHashMap<>();
                gw.put("arca.seal.type", cfg.sealType());
                if (cfg.staticKey() != null) {
                    gw.put("arca.seal.static-key", cfg.staticKey());
                }
                if (cfg.tlsCertFile() != null) {
                    scheme = "https";
                    gw.put("server.ssl.enabled", "true");
                    gw.put("server.ssl.certificate", "file:" + cfg.tlsCertFile());
                    gw.put("server.ssl.certificate-private-key", "file:" + cfg.tlsKeyFile());
                    gw.put("arca.tls.disable-client-certs", String.valueOf(cfg.tlsDisableClientCerts()));
                }
                platform = startOrExit(new Platform.Options(cfg.database(), cfg.address(), cfg.port(), managementPort, true, true, gw)
                        .shared(cfg.leaseSettings()), cfg.database());
                System.out.printf("%n==> Arca server started in %.1f s on %s://%s:%d (seal: %s). Initialise with sys/init if new.%n"
                        + "    Health and metrics: http://127.0.0.1:%d/actuator/prometheus%n%n",
                        (System.nanoTime() - started) / 1e9, scheme, cfg.address(), platform.gatewayPort(), cfg.sealType(),
                        platform.managementPort());
            }
            default -> {
                usage();
                System.exit(2);
                return;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Platform running = platform;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("==> Arca shutdown triggered");
            running.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** {@code ARCA_MANAGEMENT_PORT}'s value, or the default when it is unset or blank. */
    static int managementPort(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MANAGEMENT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw new IllegalArgumentException("ARCA_MANAGEMENT_PORT must be a port number (0 to 65535), not \"" + value + "\"");
    }

    /** The login's privileges, before any service starts: what is missing, in one line. */
    private static void checkPrivilegesOrExit(Database db) {
        try {
            DatabasePrivileges.check(db);
        } catch (IllegalStateException e) {
            System.err.println("Arca failed to start: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Platform startOrExit(Platform.Options options, Database db) {
        try {
            Platform p = Platform.start(options);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            return p;
        } catch (RuntimeException e) {
            System.err.println("Arca failed to start: " + rootMessage(e));
            db.close();
            System.exit(1);
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void usage() {
        System.out.println("""
                Usage: arca <command>

                  dev                   start every service in one process, initialised and unsealed,
                                        with embedded PostgreSQL (or ARCA_DATABASE_URL) and secret/ as KV v2
                  server -config FILE   start from a Vault-style config file (HCL or JSON), uninitialised
                """);
    }
}
