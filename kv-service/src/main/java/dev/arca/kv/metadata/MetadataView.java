package dev.arca.kv.metadata;

import dev.arca.core.api.Durations;
import dev.arca.kv.api.Timestamps;
import dev.arca.kv.store.SecretMetadata;
import dev.arca.kv.store.SecretVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A key's metadata as Vault shows it on {@code GET metadata/<path>}. */
final class MetadataView {

    private MetadataView() {
    }

    static Map<String, @Nullable Object> of(SecretMetadata m, @Nullable ObjectNode custom, List<SecretVersion> history) {
        Map<String, @Nullable Object> d = new LinkedHashMap<>();
        d.put("cas_required", m.casRequired());
        d.put("created_time", Timestamps.format(m.createdTime()));
        d.put("current_version", m.currentVersion());
        d.put("custom_metadata", custom == null || custom.isEmpty() ? null : custom);
        d.put("delete_version_after", Durations.format(m.deleteVersionAfter()));
        d.put("max_versions", m.maxVersions());
        d.put("oldest_version", m.oldestVersion());
        d.put("updated_time", Timestamps.format(m.updatedTime()));
        Map<String, Object> versions = new LinkedHashMap<>();
        for (SecretVersion v : history) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("created_time", Timestamps.format(v.createdTime()));
            e.put("deletion_time", Timestamps.formatOrEmpty(v.deletionTime()));
            e.put("destroyed", v.destroyed());
            versions.put(Integer.toString(v.version()), e);
        }
        d.put("versions", versions);
        return d;
    }
}
