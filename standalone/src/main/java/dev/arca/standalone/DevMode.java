package dev.arca.standalone;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What dev mode is, decided here by the launcher that owns it: initialised and unsealed with a static
 * seal key made at start, an optional chosen root token, and {@code secret/} mounted as KV version 2,
 * like {@code vault server -dev}.
 */
public final class DevMode {

    private DevMode() {
    }

    /** The gateway settings of dev mode. */
    public static Map<String, Object> gatewaySettings(byte[] sealKey, @Nullable String rootToken) {
        Map<String, Object> gw = new LinkedHashMap<>();
        gw.put("arca.dev.enabled", "true");
        gw.put("arca.seal.type", "static");
        gw.put("arca.seal.static-key", Base64.getEncoder().encodeToString(sealKey));
        if (rootToken != null && !rootToken.isBlank()) {
            gw.put("arca.dev.root-token", rootToken);
        }
        gw.put("arca.dev.mounts[0].path", "secret/");
        gw.put("arca.dev.mounts[0].type", "kv");
        gw.put("arca.dev.mounts[0].options.version", "2");
        return gw;
    }
}
