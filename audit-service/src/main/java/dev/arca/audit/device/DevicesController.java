package dev.arca.audit.device;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code sys/audit} and {@code sys/audit/<path>}: list, enable and disable audit devices. */
@RestController
class DevicesController {

    private final DeviceRegistry registry;
    private final FileSink files;

    DevicesController(DeviceRegistry registry, FileSink files) {
        this.registry = registry;
        this.files = files;
    }

    @GetMapping("/v1/sys/audit")
    Map<String, Object> list(RequestContext ctx) {
        Map<String, Object> data = new LinkedHashMap<>();
        registry.active().forEach(d -> data.put(d.device().path(), d.device().toApi()));
        return VaultResponse.injected(ctx.requestId(), data);
    }

    @RequestMapping(path = "/v1/sys/audit/{*path}", method = {RequestMethod.PUT, RequestMethod.POST})
    ResponseEntity<Void> createOrUpdate(@PathVariable String path, @RequestBody(required = false) @Nullable EnableRequest body) {
        Device device = (body == null ? new EnableRequest(null, null, null, null) : body).toDevice(requirePath(path));
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
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v1/sys/audit/{*path}")
    ResponseEntity<Void> delete(@PathVariable String path) {
        String p = requirePath(path);
        String filePath = registry.find(p).map(d -> d.device().filePath()).orElse("");
        if (registry.disable(p) && !filePath.isEmpty()) {
            files.close(filePath);
        }
        return ResponseEntity.noContent().build();
    }

    private static String requirePath(String raw) {
        String p = Device.normalizePath(raw);
        if (p.isEmpty()) {
            throw VaultException.badRequest("missing audit device path");
        }
        return p;
    }
}
