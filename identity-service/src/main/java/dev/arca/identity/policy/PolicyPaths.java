package dev.arca.identity.policy;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * ACL policies as a system backend: {@code sys/policies/acl} (LIST) and {@code sys/policies/acl/<name>},
 * and the legacy {@code sys/policy} and {@code sys/policy/<name>}, whose answers also carry their data
 * keys at the top level, which old clients read.
 */
@Configuration(proxyBeanMethods = false)
public class PolicyPaths {

    private final PolicyStore store;

    public PolicyPaths(PolicyStore store) {
        this.store = store;
    }

    @Bean
    Backend policyBackend() {
        return Backend.builder("policy", Backend.Kind.SYSTEM)
                .description("ACL policies")
                .systemPrefix("sys/policies/acl")
                .systemPrefix("sys/policy")
                .paths(PathFamily.of("policies/acl/?")
                                .list(r -> r.ok(Map.of("keys", store.names())), "List ACL policies.")
                                .help("The names of the ACL policies.", "")
                                .build(),
                        PathFamily.of("policies/acl/{name}")
                                .field(Field.path("name", "The policy's name.").maxLength(PolicyStore.MAX_NAME))
                                .field(Field.string("policy", "The policy in HCL or JSON (or base64 of either)."))
                                .read(this::read, "Read an ACL policy.")
                                .write(r -> write(r, r.fields().string("policy")), "Create or replace an ACL policy.")
                                .delete(this::delete, "Delete an ACL policy.")
                                .help("One ACL policy.", "")
                                .build(),
                        PathFamily.of("policy/?")
                                .read(r -> legacy(r, Map.of("policies", store.names(), "keys", store.names())), "List policies.")
                                .list(r -> legacy(r, Map.of("policies", store.names(), "keys", store.names())), "List policies.")
                                .help("The names of the policies (legacy path).", "")
                                .build(),
                        PathFamily.of("policy/{name}")
                                .field(Field.path("name", "The policy's name.").maxLength(PolicyStore.MAX_NAME))
                                .field(Field.string("policy", "The policy in HCL or JSON."))
                                .field(Field.string("rules", "The policy (older name of the field)."))
                                .read(this::readLegacy, "Read a policy.")
                                .write(r -> write(r, r.fields().has("policy") ? r.fields().string("policy") : r.fields().string("rules")),
                                        "Create or replace a policy.")
                                .delete(this::delete, "Delete a policy.")
                                .help("One policy (legacy path).", "")
                                .build())
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        String n = PolicyStore.normalize(r.fields().string("name"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", n);
        data.put("policy", store.text(n));
        return r.ok(data);
    }

    private ResponseEntity<?> readLegacy(BackendRequest r) {
        String n = PolicyStore.normalize(r.fields().string("name"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", n);
        data.put("rules", store.text(n));
        return legacy(r, data);
    }

    private ResponseEntity<?> write(BackendRequest r, String text) {
        store.write(r.fields().string("name"), policyText(text));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        store.delete(r.fields().string("name"));
        return BackendRequest.noContent();
    }

    private static ResponseEntity<?> legacy(BackendRequest r, Map<String, ?> data) {
        return ResponseEntity.ok(VaultResponse.injected(r.requestId(), data));
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
