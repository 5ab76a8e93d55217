package dev.arca.standalone;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.core.hcl.Hcl;
import dev.arca.core.hcl.HclBlock;
import dev.arca.core.hcl.HclBody;
import dev.arca.core.lease.Ttl;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arca server -config FILE}: Vault's server configuration shape, HCL or JSON.
 * <pre>
 * listener "tcp" { address = "127.0.0.1:8200"  tls_cert_file = "..."  tls_key_file = "..."  tls_disable = true
 *                  tls_disable_client_certs = false }
 * storage "postgresql" { connection_url = "postgres://user:pass@host:5432/arca" }
 * seal "shamir" {}
 * default_lease_ttl = "768h"   max_lease_ttl = "768h"
 * </pre>
 * The two TTLs are seconds here, 0 where the file leaves them out (the system's 768h then applies).
 */
public record ServerConfig(String address, int port, @Nullable String tlsCertFile, @Nullable String tlsKeyFile,
        Database database, String sealType, @Nullable String staticKey, boolean tlsDisableClientCerts, long defaultLeaseTtl,
        long maxLeaseTtl) {

    /** The settings every service reads for the system's TTLs, from what the file gives. */
    Map<String, Object> leaseSettings() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (defaultLeaseTtl > 0) {
            m.put("arca.lease.system-default-ttl", defaultLeaseTtl + "s");
        }
        if (maxLeaseTtl > 0) {
            m.put("arca.lease.system-max-ttl", maxLeaseTtl + "s");
        }
        return m;
    }

    public static ServerConfig load(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, Object> root = text.stripLeading().startsWith("{") ? json(text) : hcl(Hcl.parse(text));
        return from(root, file.toString());
    }

    @SuppressWarnings("unchecked")
    static ServerConfig from(Map<String, Object> root, String source) {
        Map<String, Object> listener = typed(root, "listener", "tcp", source);
        Map<String, Object> storage = typed(root, "storage", "postgresql", source);
        Map<String, Object> sealBlock = root.containsKey("seal") ? (Map<String, Object>) root.get("seal") : Map.of("shamir", Map.of());
        if (sealBlock.size() != 1) {
            throw new IllegalArgumentException(source + ": exactly one seal block is allowed");
        }
        String sealType = sealBlock.keySet().iterator().next();
        Map<String, Object> seal = (Map<String, Object>) sealBlock.get(sealType);
        if (!sealType.equals("shamir") && !sealType.equals("static")) {
            throw new IllegalArgumentException(source + ": seal \"" + sealType + "\" is not supported (shamir, static)");
        }
        String address = str(listener, "address", "127.0.0.1:8200");
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(source + ": listener address must be host:port");
        }
        boolean tlsDisable = flag(listener, "tls_disable");
        String cert = listener.containsKey("tls_cert_file") ? str(listener, "tls_cert_file", "") : null;
        String key = listener.containsKey("tls_key_file") ? str(listener, "tls_key_file", "") : null;
        if (!tlsDisable && (cert == null || key == null)) {
            throw new IllegalArgumentException(source + ": listener \"tcp\" needs tls_cert_file and tls_key_file, or tls_disable = true");
        }
        String url = str(storage, "connection_url", "");
        if (url.isEmpty()) {
            throw new IllegalArgumentException(source + ": storage \"postgresql\" needs connection_url");
        }
        String staticKey = sealType.equals("static") ? str(seal, "key", "") : null;
        if (staticKey != null && staticKey.isEmpty()) {
            throw new IllegalArgumentException(source + ": seal \"static\" needs key (base64, 32 bytes)");
        }
        long defaultTtl = ttl(root, "default_lease_ttl", source);
        long maxTtl = ttl(root, "max_lease_ttl", source);
        if (defaultTtl > (maxTtl > 0 ? maxTtl : Ttl.SYSTEM_MAX)) {
            throw new IllegalArgumentException(source + ": default_lease_ttl (" + Durations.format(defaultTtl)
                    + ") cannot be longer than max_lease_ttl (" + Durations.format(maxTtl > 0 ? maxTtl : Ttl.SYSTEM_MAX) + ")");
        }
        return new ServerConfig(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                tlsDisable ? null : cert, tlsDisable ? null : key, database(url), sealType, staticKey,
                flag(listener, "tls_disable_client_certs"), defaultTtl, maxTtl);
    }

    /** A top-level TTL as Vault reads it: seconds or a Go duration ("768h"); 0 when absent. */
    private static long ttl(Map<String, Object> root, String key, String source) {
        Object v = root.get(key);
        if (v == null) {
            return 0;
        }
        try {
            long seconds = Durations.seconds(v, key);
            if (seconds == 0) {
                throw new IllegalArgumentException(source + ": " + key + " must be longer than 0s");
            }
            return seconds;
        } catch (VaultException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }

    /** A listener flag as Vault reads one: {@code true} or {@code 1}. */
    private static boolean flag(Map<String, Object> listener, String name) {
        String v = str(listener, name, "false");
        return Boolean.parseBoolean(v) || "1".equals(v);
    }

    /**
     * What can be checked before anything starts: the TLS certificate and key files are readable and the
     * static seal's key is 32 bytes of base64. Throws with one line naming the fault.
     */
    ServerConfig checked() {
        for (String[] file : new String[][] {{"tls_cert_file", tlsCertFile}, {"tls_key_file", tlsKeyFile}}) {
            if (file[1] != null && !Files.isReadable(Path.of(file[1]))) {
                throw new IllegalArgumentException("listener \"tcp\": " + file[0] + " " + file[1]
                        + (Files.exists(Path.of(file[1])) ? " is not readable" : " does not exist"));
            }
        }
        if (staticKey != null) {
            byte[] key;
            try {
                key = java.util.Base64.getDecoder().decode(staticKey.trim());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("seal \"static\": key must be 32 bytes in base64");
            }
        }
        return this;
    }

    /** A libpq URL ({@code postgres://user:pass@host:port/db?...}) or a JDBC URL. */
    static Database database(String url) {
        if (url.startsWith("jdbc:")) {
            return new Database(url, System.getenv().getOrDefault("ARCA_DATABASE_USERNAME", "postgres"),
                    System.getenv().getOrDefault("ARCA_DATABASE_PASSWORD", ""), null);
        }
        URI u = URI.create(url);
        if (!"postgres".equals(u.getScheme()) && !"postgresql".equals(u.getScheme())) {
            throw new IllegalArgumentException("connection_url must start with postgres:// or jdbc:postgresql://");
        }
        String user = "postgres";
        String password = "";
        if (u.getRawUserInfo() != null) {
            String[] parts = u.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        String jdbc = "jdbc:postgresql://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return new Database(jdbc, user, password, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> typed(Map<String, Object> root, String block, String type, String source) {
        Object b = root.get(block);
        if (!(b instanceof Map<?, ?> m) || !m.containsKey(type)) {
            throw new IllegalArgumentException(source + ": a " + block + " \"" + type + "\" block is required");
        }
        if (m.size() != 1) {
            throw new IllegalArgumentException(source + ": only " + block + " \"" + type + "\" is supported");
        }
        return (Map<String, Object>) m.get(type);
    }

    private static String str(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return JsonMapper.builder().build().readValue(text, Map.class);
    }

    /** HCL blocks as Vault's JSON form: {@code {"listener":{"tcp":{...}}}}. */
    private static Map<String, Object> hcl(HclBody body) {
        Map<String, Object> root = new LinkedHashMap<>(body.attributes());
        for (HclBlock b : body.blocks()) {
            if (b.labels().size() != 1) {
                throw new IllegalArgumentException("line " + b.line() + ": block \"" + b.type() + "\" needs one label");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> byType = (Map<String, Object>) root.computeIfAbsent(b.type(), k -> new LinkedHashMap<>());
            if (byType.containsKey(b.label())) {
                throw new IllegalArgumentException("line " + b.line() + ": duplicate " + b.type() + " \"" + b.label() + "\"");
            }
            byType.put(b.label(), new LinkedHashMap<>(b.body().attributes()));
        }
        return root;
    }
}
