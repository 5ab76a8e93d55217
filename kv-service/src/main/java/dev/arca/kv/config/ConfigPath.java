package dev.arca.kv.config;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.kv.api.Inputs;
import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.PathHandler;
import dev.arca.kv.store.MountConfig;
import dev.arca.kv.store.MountConfigRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** {@code <mount>/config}: settings applied to every key of a v2 mount. Fields left out keep their value. */
@Component
public class ConfigPath implements PathHandler {

    private final MountConfigRepository configs;

    public ConfigPath(MountConfigRepository configs) {
        this.configs = configs;
    }

    @Override
    public ResponseEntity<?> read(KvRequest request) {
        MountConfig c = configs.find(request.mount());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cas_required", c.casRequired());
        data.put("delete_version_after", Durations.format(c.deleteVersionAfter()));
        data.put("max_versions", c.maxVersions());
        return KvResponses.ok(request, data);
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        ObjectNode body = request.body();
        MountConfig old = configs.find(request.mount());
        Integer max = Inputs.integer(body, "max_versions");
        if (max != null && max < 0) {
            throw VaultException.badRequest("max_versions must not be negative");
        }
        Boolean cas = Inputs.bool(body, "cas_required");
        Long dva = Inputs.duration(body, "delete_version_after");
        configs.save(request.mount(), new MountConfig(max == null ? old.maxVersions() : max,
                cas == null ? old.casRequired() : cas, dva == null ? old.deleteVersionAfter() : dva));
        return KvResponses.noContent();
    }
}
