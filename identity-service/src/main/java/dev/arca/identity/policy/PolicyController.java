package dev.arca.identity.policy;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code sys/policies/acl} (LIST) and {@code sys/policies/acl/<name>} (read, write, delete). */
@RestController
@RequestMapping("/v1/sys/policies/acl")
public class PolicyController {

    private final PolicyStore store;

    public PolicyController(PolicyStore store) {
        this.store = store;
    }

    @GetMapping({"", "/"})
    public VaultResponse list(RequestContext ctx, @RequestParam(name = "list", defaultValue = "false") boolean list) {
        if (!list) {
            throw VaultException.unsupportedOperation();
        }
        return VaultResponse.of(ctx.requestId(), Map.of("keys", store.names()));
    }

    @GetMapping("/{name}")
    public VaultResponse read(RequestContext ctx, @PathVariable String name,
            @RequestParam(name = "list", defaultValue = "false") boolean list) {
        if (list) {
            throw VaultException.unsupportedOperation();
        }
        String n = PolicyStore.normalize(name);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", n);
        data.put("policy", store.text(n));
        return VaultResponse.of(ctx.requestId(), data);
    }

    @RequestMapping(path = "/{name}", method = {RequestMethod.PUT, RequestMethod.POST})
    public ResponseEntity<Void> createOrUpdate(@PathVariable String name, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        store.write(name, policyText(Params.string(Params.body(body), "policy")));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        store.delete(name);
        return ResponseEntity.noContent().build();
    }

    /** Vault also accepts the policy base64-encoded. */
    static String policyText(String raw) {
        String t = raw.trim();
        if (!t.isEmpty() && !t.contains("{") && !t.contains("\n")) {
            try {
                return new String(Base64.getDecoder().decode(t), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return raw;
            }
        }
        return raw;
    }
}
