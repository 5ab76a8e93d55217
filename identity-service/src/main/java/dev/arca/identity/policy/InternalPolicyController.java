package dev.arca.identity.policy;

import dev.arca.core.api.VaultException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/policies/{name}} for the gateway's ACL cache. {@code root} is not stored and
 * answers 404: the gateway uses {@code Acl.root()} for it.
 */
@RestController
public class InternalPolicyController {

    private final PolicyStore store;

    public InternalPolicyController(PolicyStore store) {
        this.store = store;
    }

    @GetMapping("/internal/policies/{name}")
    public Map<String, String> read(@PathVariable String name) {
        String n = PolicyStore.normalize(name);
        return Map.of("name", n, "policy", store.read(n).orElseThrow(VaultException::notFound));
    }
}
