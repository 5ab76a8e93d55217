package dev.arca.standalone.bench;

import com.sun.net.httpserver.HttpServer;
import dev.arca.core.barrier.Barrier;
import dev.arca.standalone.Database;
import dev.arca.standalone.DevMode;
import dev.arca.standalone.Platform;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform with the {@code tally} engine, as {@code bench/run}'s lease scenarios start it from
 * the executable jar (Spring Boot's {@code PropertiesLauncher}, this class on {@code loader.path}).
 *
 * <p>Arguments: database URL, user, password, seal key (base64), root token, gateway port, {@code init}
 * (a new database: dev mode's initialisation, {@code tally/} mounted with role {@code app}) or
 * {@code restart} (an initialised one), and a loopback port for commands (0: none). A command
 * {@code POST /fill?from=A&to=B} adds the leases {@code tally/creds/app/<A..B-1 as 24 digits>}, in
 * random order, as {@code tally/creds/app} issues them (copies of one lease issued through the API,
 * each with its own revocation data sealed by the barrier for its own id), in one {@code COPY};
 * {@code GET /revoked} answers how many revocations the engine has carried out.
 */
public final class LeaseBench {

    static final String PREFIX = "tally/creds/app/";

    private LeaseBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        Database db = new Database(args[0], args[1], args[2], null);
        byte[] sealKey = Base64.getDecoder().decode(args[3]);
        String root = args[4];
        int port = Integer.parseInt(args[5]);
        boolean init = "init".equals(args[6]);
        int commandPort = Integer.parseInt(args[7]);
        Map<String, Object> gateway = init ? DevMode.gatewaySettings(sealKey, root)
                : Map.of("arca.seal.type", "static", "arca.seal.static-key", args[3]);
        AtomicReference<ConfigurableApplicationContext> tally = new AtomicReference<>();
        Platform platform = Platform.start(new Platform.Options(db, "127.0.0.1", port, 0, true, true, gateway,
                Map.of("tally", () -> TallyService.builder().initializers(tally::set))));
        Api api = new Api("http://127.0.0.1:" + platform.gatewayPort(), root);
        if (init) {
            api.send("POST", "sys/mounts/tally", "{\"type\":\"tally\"}");
            api.send("POST", "tally/roles/app", "{\"ttl\":\"720h\"}");
        }
        if (commandPort > 0) {
            Filler filler = new Filler(tally.get(), api);
            HttpServer commands = HttpServer.create(new InetSocketAddress("127.0.0.1", commandPort), 0);
            commands.createContext("/fill", x -> {
                String answer;
                int status = 200;
                try {
                    Map<String, String> q = query(x.getRequestURI().getRawQuery());
                    long t0 = System.nanoTime();
                    filler.fill(Integer.parseInt(q.get("from")), Integer.parseInt(q.get("to")));
                    answer = "filled in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n";
                } catch (Exception e) {
                    status = 500;
                    answer = e + "\n";
                }
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(status, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            commands.createContext("/revoked", x -> {
                byte[] body = (TallyBackend.REVOKED.get() + "\n").getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            commands.start();
        }
        System.out.println("lease bench: ready on " + platform.gatewayPort());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String part : q == null ? new String[0] : q.split("&")) {
            int eq = part.indexOf('=');
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    /** Calls the public API as the root token. */
    record Api(String base, String token) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String send(String method, String path, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/" + path)).header("X-Vault-Token", token)
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(method + " " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
    }

    /** Adds leases in bulk, each a valid copy of one issued through the API. */
    static final class Filler {
        private final DataSource data;
        private final Barrier barrier;
        private final JsonMapper json;
        private final Api api;

        Filler(ConfigurableApplicationContext tally, Api api) {
            this.data = tally.getBean(DataSource.class);
            this.barrier = tally.getBean(Barrier.class);
            this.json = tally.getBean(JsonMapper.class);
            this.api = api;
        }

        void fill(int from, int to) throws Exception {
            JsonNode issued = json.readTree(api.send("GET", "tally/creds/app", ""));
            String template = issued.path("lease_id").asString();
            try (Connection c = data.getConnection()) {
                String[] fixed;
                try (PreparedStatement s = c.prepareStatement("SELECT service, mount_path, mount_type, mount_accessor, secret_type, "
                        + "token_accessor, issue_ms, expire_ms, issue_ttl, max_ttl, renewable FROM lease.leases WHERE lease_id = ?")) {
                    s.setString(1, template);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("the issued lease is not recorded");
                        }
                        fixed = new String[11];
                        for (int i = 0; i < 11; i++) {
                            fixed[i] = rs.getString(i + 1);
                        }
                        fixed[10] = rs.getBoolean(11) ? "t" : "f";
                    }
                }
                String head = String.join("\t", fixed[0], fixed[1], fixed[2], fixed[3], fixed[4], fixed[5], fixed[6], fixed[7], "0",
                        fixed[8], fixed[9], fixed[10]);
                int[] order = new int[to - from];
                for (int i = 0; i < order.length; i++) {
                    order[i] = from + i;
                }
                Random random = new Random(from);
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                HexFormat hex = HexFormat.of();
                StringBuilder rows = new StringBuilder(order.length * 260);
                for (int n : order) {
                    String id = PREFIX + String.format("%024d", n);
                    byte[] sealed = barrier.encrypt(json.writeValueAsBytes(Map.of("username", "fill-" + n)),
                            Barrier.aad("lease", "leases", id));
                    rows.append(id).append('\t').append(head).append("\t\\\\x").append(hex.formatHex(sealed))
                            .append("\tactive\t0\t").append(fixed[7]).append("\t\\N\n");
                }
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY lease.leases (lease_id, service, mount_path, mount_type, "
                        + "mount_accessor, secret_type, token_accessor, issue_ms, expire_ms, last_renewal_ms, issue_ttl, max_ttl, "
                        + "renewable, data, state, attempts, due_ms, last_error) FROM STDIN", new StringReader(rows.toString()));
            }
        }
    }
}
