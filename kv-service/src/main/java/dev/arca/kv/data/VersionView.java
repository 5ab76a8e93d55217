package dev.arca.kv.data;

import dev.arca.kv.api.Timestamps;
import dev.arca.kv.store.SecretVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A version's metadata as Vault shows it on data reads and writes. */
public final class VersionView {

    private VersionView() {
    }

    public static Map<String, @Nullable Object> of(SecretVersion v, @Nullable ObjectNode customMetadata) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("created_time", Timestamps.format(v.createdTime()));
        m.put("custom_metadata", customMetadata == null || customMetadata.isEmpty() ? null : customMetadata);
        m.put("deletion_time", Timestamps.formatOrEmpty(v.deletionTime()));
        m.put("destroyed", v.destroyed());
        m.put("version", v.version());
        return m;
    }
}
