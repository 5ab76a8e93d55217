package dev.arca.audit.device;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code sys/audit} (list), {@code sys/audit/<path>} (enable, disable) and {@code sys/audit-hash/<path>}
 * (a device's HMAC of an input, to find a known value in the logs). Answers carry their data keys at
 * the top level too, as Vault's do.
 */
@Component
public class DevicePaths {

    private final DeviceRegistry registry;
    private final FileSink files;

    DevicePaths(DeviceRegistry registry, FileSink files) {
        this.registry = registry;
        this.files = files;
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("audit/?")
                        .read(this::list, "List the enabled audit devices.")
                        .help("The enabled audit devices.", "")
                        .build(),
                PathFamily.of("audit/{path+}")
                        .field(Field.path("path", "Where the device is enabled."))
                        .field(Field.string("type", "The device type: file."))
                        .field(Field.string("description", "What the device is for."))
                        .field(Field.of("options", FieldType.KV_PAIRS, "Options of the device: file_path (or path), hmac_accessor, ..."))
                        .field(Field.of("local", FieldType.BOOL, "Whether the device is local to this cluster."))
                        .write(this::enable, "Enable an audit device.")
                        .delete(this::disable, "Disable an audit device.")
                        .help("Enable or disable an audit device.", "")
                        .build(),
                PathFamily.of("audit-hash/{path+}")
                        .field(Field.path("path", "The device whose key hashes the input."))
                        .field(Field.string("input", "The value to hash."))
                        .write(this::hash, "Hash a value with a device's key.")
                        .help("The HMAC a device writes for a value.", "")
                        .build());
    }

    private ResponseEntity<?> list(BackendRequest r) {
        Map<String, Object> data = new LinkedHashMap<>();
        registry.active().forEach(d -> data.put(d.device().path(), d.device().toApi()));
        return ResponseEntity.ok(VaultResponse.injected(r.requestId(), data));
    }

    private ResponseEntity<?> enable(BackendRequest r) {
        Device device = new Device(requirePath(r), r.fields().string("type"), r.fields().string("description"),
                r.fields().pairs("options"), r.fields().bool("local", false));
        if (!device.type().equals(Device.FILE)) {
            throw VaultException.badRequest("unknown backend type: \"" + device.type() + "\"");
        }
        if (device.filePath().isBlank()) {
            throw VaultException.badRequest("file_path is required");
        }
        try {
            files.check(device.filePath());
        } catch (IOException | RuntimeException e) {
            throw VaultException.badRequest("sanity check failed; unable to open \"" + device.filePath() + "\" for writing");
        }
        registry.enable(device);
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> disable(BackendRequest r) {
        String p = requirePath(r);
        String filePath = registry.find(p).map(d -> d.device().filePath()).orElse("");
        if (registry.disable(p) && !filePath.isEmpty()) {
            files.close(filePath);
        }
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> hash(BackendRequest r) {
        String input = r.fields().string("input");
        if (input.isEmpty()) {
            throw VaultException.badRequest("the \"input\" parameter is empty");
        }
        String p = Device.normalizePath(r.fields().string("path"));
        ActiveDevice device = registry.find(p).orElseThrow(() -> VaultException.badRequest("unknown audit backend " + p));
        return ResponseEntity.ok(VaultResponse.injected(r.requestId(), Map.of("hash", device.hmac().hash(input))));
    }

    private static String requirePath(BackendRequest r) {
        String p = Device.normalizePath(r.fields().string("path"));
        if (p.isEmpty()) {
            throw VaultException.badRequest("missing audit device path");
        }
        return p;
    }
}
