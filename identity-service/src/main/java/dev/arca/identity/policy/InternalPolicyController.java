package dev.arca.identity.policy;

import dev.arca.core.api.VaultException;
import dev.arca.core.local.LocalRoute;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
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

    /** The same read in process: the gateway's ACL cache asks on every policy it has not seen. */
    @Bean
    static LocalRoute policyReadRoute(InternalPolicyController c) {
        return new LocalRoute("GET", "/internal/policies/", call -> ResponseEntity.ok(
                c.read(java.net.URLDecoder.decode(call.path().substring("/internal/policies/".length()),
                        java.nio.charset.StandardCharsets.UTF_8))));
    }
}
