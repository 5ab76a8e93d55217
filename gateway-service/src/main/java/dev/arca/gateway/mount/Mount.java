package dev.arca.gateway.mount;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the mount table. {@code path} is the full API prefix with a trailing slash:
 * {@code secret/} for an engine, {@code auth/token/} for an auth method.
 */
public record Mount(String path, String kind, String type, String accessor, UUID uuid, String description,
        Map<String, String> options, MountConfig config, boolean local, boolean sealWrap) {

    public Mount {
        options = Map.copyOf(options);
    }

    /** Tunables of a mount; TTLs in seconds. */
    public record MountConfig(long defaultLeaseTtl, long maxLeaseTtl, boolean forceNoCache) {
        public static final MountConfig DEFAULT = new MountConfig(0, 0, false);
    }

    public boolean isAuth() {
        return "auth".equals(kind);
    }

    /** The path as Vault lists it: relative to {@code auth/} for auth methods. */
    public String listedPath() {
        return isAuth() ? path.substring("auth/".length()) : path;
    }

    /** Vault's mount description, as in {@code sys/mounts} and {@code sys/auth}. */
    public Map<String, Object> describe() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("default_lease_ttl", config.defaultLeaseTtl());
        cfg.put("max_lease_ttl", config.maxLeaseTtl());
        cfg.put("force_no_cache", config.forceNoCache());
        if (isAuth()) {
            cfg.put("token_type", "default-service");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accessor", accessor);
        m.put("config", cfg);
        m.put("description", description);
        m.put("external_entropy_access", false);
        m.put("local", local);
        m.put("options", options.isEmpty() ? null : options);
        m.put("plugin_version", "");
        m.put("running_plugin_version", "v0.1.0+builtin.arca");
        m.put("running_sha256", "");
        m.put("seal_wrap", sealWrap);
        m.put("type", type);
        m.put("uuid", uuid.toString());
        return m;
    }
}
