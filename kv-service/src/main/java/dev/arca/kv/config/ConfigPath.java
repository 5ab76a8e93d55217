package dev.arca.kv.config;

import dev.arca.core.api.Durations;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.store.MountConfig;
import dev.arca.kv.store.MountConfigRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code <mount>/config}: settings applied to every key of a v2 mount. Fields left out keep their value. */
@Component
public class ConfigPath {

    private final MountConfigRepository configs;

    public ConfigPath(MountConfigRepository configs) {
        this.configs = configs;
    }

    public PathFamily family() {
        return PathFamily.of("config")
                .field(Field.of("max_versions", FieldType.INT, "Versions kept per key; 0 means 10.").range(0, Integer.MAX_VALUE))
                .field(Field.of("cas_required", FieldType.BOOL, "Whether every write must carry options.cas."))
                .field(Field.of("delete_version_after", FieldType.DURATION, "Soft-delete versions this long after they are written; 0 never."))
                .read(this::read, "Read the mount's settings.")
                .write(this::createOrUpdate, "Change the mount's settings.")
                .when("version", "2")
                .help("Settings of the versioned key/value mount.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        MountConfig c = configs.find(request.mountAccessor());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cas_required", c.casRequired());
        data.put("delete_version_after", Durations.format(c.deleteVersionAfter()));
        data.put("max_versions", c.maxVersions());
        return request.ok(data);
    }

    ResponseEntity<?> createOrUpdate(BackendRequest request) {
        FieldData f = request.fields();
        MountConfig old = configs.find(request.mountAccessor());
        Integer max = f.integer("max_versions");
        Boolean cas = f.bool("cas_required");
        Long dva = f.duration("delete_version_after");
        configs.save(request.mountAccessor(), new MountConfig(max == null ? old.maxVersions() : max,
                cas == null ? old.casRequired() : cas, dva == null ? old.deleteVersionAfter() : dva));
        return BackendRequest.noContent();
    }
}
