package dev.arca.identity.policy;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import dev.arca.identity.support.Params;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * Legacy {@code sys/policy} and {@code sys/policy/<name>}. Vault copies these responses' data keys
 * to the top level of the body as well, which old clients read.
 */
@RestController
@RequestMapping("/v1/sys/policy")
public class LegacyPolicyController {

    private final PolicyStore store;

    public LegacyPolicyController(PolicyStore store) {
        this.store = store;
    }

    @GetMapping({"", "/"})
    public Map<String, Object> list(RequestContext ctx) {
        List<String> names = store.names();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("policies", names);
        data.put("keys", names);
        return VaultResponse.injected(ctx.requestId(), data);
    }

    @GetMapping("/{name}")
    public Map<String, Object> read(RequestContext ctx, @PathVariable String name) {
        String n = PolicyStore.normalize(name);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", n);
        data.put("rules", store.text(n));
        return VaultResponse.injected(ctx.requestId(), data);
    }

    @RequestMapping(path = "/{name}", method = {RequestMethod.PUT, RequestMethod.POST})
    public ResponseEntity<Void> createOrUpdate(@PathVariable String name, @RequestBody(required = false) @Nullable Map<String, Object> body) {
        Map<String, Object> b = Params.body(body);
        String text = Params.string(b, "policy");
        if (text.isBlank()) {
            text = Params.string(b, "rules");
        }
        store.write(name, PolicyController.policyText(text));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        store.delete(name);
        return ResponseEntity.noContent().build();
    }
}
