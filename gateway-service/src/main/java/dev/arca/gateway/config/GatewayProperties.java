package dev.arca.gateway.config;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's settings ({@code arca.*}).
 *
 * @param services where each internal service listens: {@code arca.services.<name>.url}
 * @param seal     which seal protects the root key
 * @param dev      dev mode: initialise, unseal and mount {@code secret/} at start
 */
@ConfigurationProperties("arca")
public record GatewayProperties(
        @DefaultValue Map<String, Endpoint> services,
        @DefaultValue Seal seal,
        @DefaultValue Dev dev) {

    /** One internal service. */
    public record Endpoint(String url) {
    }

    /**
     * @param type      {@code shamir} (default) or {@code static}
     * @param staticKey with the static seal: the base64 32-byte key that wraps the root key
     */
    public record Seal(@DefaultValue("shamir") String type, @Nullable String staticKey) {
    }

    /**
     * @param enabled   dev mode on
     * @param rootToken the root token id to create (random when empty)
     * @param mounts    what to mount at start (the launcher that owns dev mode decides, e.g. {@code secret/})
     */
    public record Dev(@DefaultValue("false") boolean enabled, @Nullable String rootToken, @DefaultValue List<DevMount> mounts) {
    }

    /** A mount dev mode creates at start: full path, type (or alias) and options. */
    public record DevMount(String path, String type, @DefaultValue Map<String, String> options) {
    }

    public String url(String service) {
        Endpoint e = services.get(service);
        if (e == null) {
            throw new IllegalStateException("arca.services." + service + ".url is not configured");
        }
        return e.url();
    }
}
