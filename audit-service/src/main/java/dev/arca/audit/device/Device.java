package dev.arca.audit.device;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An audit device's configuration, as {@code sys/audit} shows it.
 *
 * @param path always with a trailing slash, e.g. {@code file/}
 */
public record Device(String path, String type, String description, Map<String, String> options, boolean local) {

    public static final String STORE = "store";
    public static final String FILE = "file";
    public static final String STORE_PATH = "store/";

    public Device {
        options = Map.copyOf(options);
    }

    /** Vault's {@code hmac_accessor} option: accessors are hashed unless it is {@code false}. */
    public boolean hmacAccessor() {
        return !"false".equalsIgnoreCase(options.getOrDefault("hmac_accessor", "true"));
    }

    /**
     * Where a {@code file} device writes: {@code file_path}, or Vault's older name for it, {@code path},
     * when {@code file_path} is absent or blank.
     */
    public String filePath() {
        String filePath = options.getOrDefault("file_path", "");
        return filePath.isBlank() ? options.getOrDefault("path", "") : filePath;
    }

    /** One value of {@code GET sys/audit}. */
    public Map<String, Object> toApi() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("description", description);
        m.put("options", options);
        m.put("local", local);
        m.put("path", path);
        return m;
    }

    /** {@code file}, {@code /file} and {@code file/} all name {@code file/}. */
    public static String normalizePath(String raw) {
        String p = raw.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }
}
