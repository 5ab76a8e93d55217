package dev.arca.audit.device;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code sys/audit-hash/<path>}: the device's HMAC of an input, to find a known value in the logs. */
@RestController
class AuditHashController {

    record HashRequest(@Nullable String input) {
    }

    private final DeviceRegistry registry;

    AuditHashController(DeviceRegistry registry) {
        this.registry = registry;
    }

    @RequestMapping(path = "/v1/sys/audit-hash/{*path}", method = {RequestMethod.PUT, RequestMethod.POST})
    Map<String, Object> update(RequestContext ctx, @PathVariable String path, @RequestBody(required = false) @Nullable HashRequest body) {
        String input = body == null ? null : body.input();
        if (input == null || input.isEmpty()) {
            throw VaultException.badRequest("the \"input\" parameter is empty");
        }
        String p = Device.normalizePath(path);
        ActiveDevice device = registry.find(p)
                .orElseThrow(() -> VaultException.badRequest("unknown audit backend " + p));
        return VaultResponse.injected(ctx.requestId(), Map.of("hash", device.hmac().hash(input)));
    }
}
