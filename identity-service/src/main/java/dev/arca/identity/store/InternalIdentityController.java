package dev.arca.identity.store;

import dev.arca.core.api.VaultException;
import dev.arca.core.local.LocalRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /internal/identity/entity}: an entity's identity view for the gateway's ACL evaluation
 * (identity policies, and the values policy templates read), over HTTP and in process. 404 when the
 * entity does not exist (any more).
 */
@RestController
public class InternalIdentityController {

    private final IdentityService identity;
    private final JsonMapper json;

    public InternalIdentityController(IdentityService identity, JsonMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @PostMapping("/internal/identity/entity")
    public Map<String, Object> entity(@RequestBody(required = false) @Nullable JsonNode body) {
        JsonNode id = body == null ? null : body.get("entity_id");
        IdentityService.View v = identity.view(id == null || !id.isString() ? "" : id.stringValue()).orElseThrow(VaultException::notFound);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("name", v.name());
        out.put("disabled", v.disabled());
        out.put("policies", v.policies());
        out.put("aliases", v.aliases());
        out.put("metadata", v.metadata());
        out.put("groups", v.groups());
        out.put("group_metadata", v.groupMetadata());
        return out;
    }

    @Bean
    static LocalRoute identityEntityRoute(InternalIdentityController c) {
        return new LocalRoute("POST", "/internal/identity/entity", call -> ResponseEntity.ok(c.entity(call.json(c.json))));
    }
}
