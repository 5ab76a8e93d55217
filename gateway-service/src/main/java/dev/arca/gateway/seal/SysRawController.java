package dev.arca.gateway.seal;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.api.RequestBodies;
import dev.arca.gateway.mount.MountService;
import dev.arca.gateway.seal.SealManager.InitResult;
import dev.arca.gateway.seal.SealManager.Status;
import dev.arca.gateway.token.RootTokens;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vault's unauthenticated raw handlers: {@code sys/init}, {@code sys/unseal}, {@code sys/seal-status},
 * {@code sys/health}, {@code sys/leader}. They answer without the envelope and are not audited.
 */
@RestController
public class SysRawController {

    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    public static final String VERSION = "1.15.0+arca";

    private final SealManager seal;
    private final RootTokens rootTokens;
    private final ClusterIdentity cluster;
    private final JsonMapper json;
    private final MountService mounts;

    public SysRawController(SealManager seal, RootTokens rootTokens, ClusterIdentity cluster, JsonMapper json, MountService mounts) {
        this.mounts = mounts;
        this.seal = seal;
        this.rootTokens = rootTokens;
        this.cluster = cluster;
        this.json = json;
    }

    /** Vault reads these bodies as JSON whatever their Content-Type (curl -d sends a form type). */
    private <T> T body(HttpServletRequest request, Class<T> type) throws IOException {
        byte[] raw = RequestBodies.read(request);
        try {
            T parsed = json.readValue(raw.length == 0 ? EMPTY_OBJECT : raw, type);
            // a JSON null decodes to no object at all: Vault reads it as an empty body
            return parsed != null ? parsed : json.readValue(EMPTY_OBJECT, type);
        } catch (JacksonException e) {
            throw VaultException.badRequest("failed to parse JSON input: malformed JSON body or fields of the wrong type");
        }
    }

    /** Body of {@code sys/init}. */
    public record InitRequest(Integer secret_shares, Integer secret_threshold, Integer recovery_shares,
            Integer recovery_threshold, List<String> pgp_keys, String root_token_pgp_key) {
    }

    /** Body of {@code sys/unseal}. */
    public record UnsealRequest(String key, Boolean reset, Boolean migrate) {
    }

    @RequestMapping(path = "/v1/sys/init", method = RequestMethod.GET)
    public Map<String, Object> initialized() {
        return Map.of("initialized", seal.isInitialized());
    }

    @RequestMapping(path = "/v1/sys/init", method = {RequestMethod.POST, RequestMethod.PUT})
    public Map<String, Object> init(HttpServletRequest request) throws IOException {
        InitRequest req = body(request, InitRequest.class);
        if ((req.pgp_keys() != null && !req.pgp_keys().isEmpty()) || (req.root_token_pgp_key() != null && !req.root_token_pgp_key().isEmpty())) {
            throw VaultException.badRequest("PGP-encrypted key shares are not supported");
        }
        InitResult r = seal.init(orZero(req.secret_shares()), orZero(req.secret_threshold()),
                req.recovery_shares() == null ? 1 : req.recovery_shares(), req.recovery_threshold() == null ? 1 : req.recovery_threshold(),
                keyring -> rootTokens.create(null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("keys", r.keys().stream().map(HexFormat.of()::formatHex).toList());
        out.put("keys_base64", r.keys().stream().map(Base64.getEncoder()::encodeToString).toList());
        if (!r.recoveryKeys().isEmpty()) {
            out.put("recovery_keys", r.recoveryKeys().stream().map(HexFormat.of()::formatHex).toList());
            out.put("recovery_keys_base64", r.recoveryKeys().stream().map(Base64.getEncoder()::encodeToString).toList());
        }
        out.put("root_token", r.rootToken());
        return out;
    }

    @RequestMapping(path = "/v1/sys/unseal", method = {RequestMethod.POST, RequestMethod.PUT})
    public Map<String, Object> unseal(HttpServletRequest request) throws IOException {
        UnsealRequest req = body(request, UnsealRequest.class);
        Status s;
        if (Boolean.TRUE.equals(req.reset())) {
            s = seal.reset();
        } else {
            if (req.key() == null || req.key().isBlank()) {
                throw VaultException.badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
            }
            s = seal.submitShare(req.key());
            if (!s.sealed()) {
                // Backends added since the last start may declare built-in mounts (e.g. cubbyhole/).
                mounts.ensureBuiltins();
            }
        }
        return sealStatus(s);
    }

    @RequestMapping(path = "/v1/sys/seal-status", method = RequestMethod.GET)
    public Map<String, Object> sealStatus() {
        return sealStatus(seal.status());
    }

    @RequestMapping(path = "/v1/sys/leader", method = RequestMethod.GET)
    public Map<String, Object> leader() {
        if (seal.isSealed()) {
            throw VaultException.sealed();
        }
        return Map.of("ha_enabled", false, "is_self", true, "active_time", "0001-01-01T00:00:00Z", "leader_address", "",
                "leader_cluster_address", "", "performance_standby", false, "performance_standby_last_remote_wal", 0);
    }

    @RequestMapping(path = "/v1/sys/health", method = {RequestMethod.GET, RequestMethod.HEAD})
    public ResponseEntity<Map<String, Object>> health(@RequestParam Map<String, String> query) {
        boolean initialized = seal.isInitialized();
        boolean sealed = seal.isSealed();
        int status;
        if (!initialized) {
            status = code(query, "uninitcode", 501);
        } else if (sealed) {
            status = code(query, "sealedcode", 503);
        } else {
            status = code(query, "activecode", 200);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("initialized", initialized);
        body.put("sealed", sealed);
        body.put("standby", false);
        body.put("performance_standby", false);
        body.put("replication_performance_mode", "disabled");
        body.put("replication_dr_mode", "disabled");
        body.put("server_time_utc", Instant.now().getEpochSecond());
        body.put("version", VERSION);
        if (initialized) {
            body.put("cluster_name", cluster.name());
            body.put("cluster_id", cluster.id());
        }
        return ResponseEntity.status(status).body(body);
    }

    private Map<String, Object> sealStatus(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", s.type());
        m.put("initialized", s.initialized());
        m.put("sealed", s.sealed());
        m.put("t", s.threshold());
        m.put("n", s.shares());
        m.put("progress", s.progress());
        m.put("nonce", s.nonce());
        m.put("version", VERSION);
        m.put("build_date", "2026-11-23T00:00:00Z");
        m.put("migration", false);
        if (s.initialized() && !s.sealed()) {
            m.put("cluster_name", cluster.name());
            m.put("cluster_id", cluster.id());
        }
        m.put("recovery_seal", s.recoverySeal());
        m.put("storage_type", "postgresql");
        return m;
    }

    private static int code(Map<String, String> query, String name, int fallback) {
        String v = query.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int c = Integer.parseInt(v);
            if (c < 100 || c > 599) {
                throw VaultException.badRequest("invalid " + name + ": " + v);
            }
            return c;
        } catch (NumberFormatException e) {
            throw VaultException.badRequest("invalid " + name + ": " + v);
        }
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
