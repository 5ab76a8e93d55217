package dev.arca.standalone;

import dev.arca.standalone.ledger.LedgerService;
import dev.arca.test.TestDatabase;
import dev.arca.test.TestHttp;
import java.util.Map;
import java.util.UUID;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * One dev-mode platform per test JVM (every service, real PostgreSQL), shared by the black-box tests,
 * with the {@code ledger} engine of the lease tests beside the built-in services.
 * Tests use their own paths, so they do not see each other's data.
 */
final class DevPlatform {

    /** The port pki's ACME http-01 checks connect to (the operator setting arca.pki.acme.http01-port), free when the platform starts. */
    static final int ACME_HTTP01_PORT = freePort();
    static final String ROOT_TOKEN = "hvs.root-" + UUID.randomUUID().toString().replace("-", "");
    private static Platform platform;
    private static Database database;

    private DevPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            TestDatabase.Server s = TestDatabase.server();
            database = new Database(TestDatabase.createDatabase("blackbox"), s.username(), s.password(), null);
            // lease-service's scheduler fast and its backoff short, for the lease tests; other services ignore these
            System.setProperty("arca.lease.expiry-interval", "100ms");
            System.setProperty("arca.lease.backoff", "20ms");
            System.setProperty("arca.lease.max-backoff", "50ms");
            System.setProperty("arca.lease.max-attempts", "3");
            // the tests' loopback client stands in for a trusted proxy, so they can call from other addresses
            System.setProperty("arca.listener.x-forwarded-for-authorized-addrs", "127.0.0.1/32");
            // tests cannot bind port 80: the ACME tests serve http-01 challenges on this one
            System.setProperty("arca.pki.acme.http01-port", Integer.toString(ACME_HTTP01_PORT));
            platform = Platform.start(new Platform.Options(database, "127.0.0.1", 0, 0, true, true,
                    DevMode.gatewaySettings(new byte[32], ROOT_TOKEN), Map.of("ledger", LedgerService::builder)));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
        }
        return platform;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Database database() {
        get();
        return database;
    }

    static String address() {
        return "http://127.0.0.1:" + get().gatewayPort();
    }

    static TestHttp http() {
        return new TestHttp(address());
    }

    /** The gateway's management port, where its actuator endpoints are. */
    static TestHttp management() {
        return new TestHttp("http://127.0.0.1:" + get().managementPort());
    }

    /** One sample's value in the gateway's Prometheus scrape, e.g. {@code arca_audit_failures_total}. */
    static double gatewayMetric(String sample) {
        return management().send("GET", "/actuator/prometheus", null).body().lines()
                .filter(l -> l.startsWith(sample + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(sample + " is not in the gateway's metrics"));
    }

    static VaultTemplate vault(String token) {
        VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", get().gatewayPort());
        endpoint.setScheme("http");
        return new VaultTemplate(endpoint, new TokenAuthentication(token));
    }

    /** {@code method /v1/path} with a JSON body (or none) and the token (or none), as plain HTTP. */
    static TestHttp.Response api(String method, String path, Object body, String token) {
        return token == null ? http().send(method, "/v1/" + path, body) : http().send(method, "/v1/" + path, body, "X-Vault-Token", token);
    }

    /** The RestTemplate spring-vault builds for the platform's endpoint, as an application configures its login. */
    static org.springframework.web.client.RestTemplate loginClient() {
        VaultEndpoint endpoint = VaultEndpoint.create("127.0.0.1", get().gatewayPort());
        endpoint.setScheme("http");
        return org.springframework.vault.client.VaultClients.createRestTemplate(endpoint,
                new org.springframework.http.client.SimpleClientHttpRequestFactory());
    }

    static VaultTemplate root() {
        return vault(ROOT_TOKEN);
    }
}
