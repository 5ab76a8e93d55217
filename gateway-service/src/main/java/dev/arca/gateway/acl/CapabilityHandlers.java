package dev.arca.gateway.acl;

import dev.arca.core.api.VaultResponse;
import static dev.arca.core.backend.Operation.UPDATE;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.core.policy.Acl;
import dev.arca.gateway.api.ApiCall;
import dev.arca.gateway.api.ApiResult;
import dev.arca.gateway.api.LocalRoutes;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.SystemContexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code sys/capabilities}, {@code sys/capabilities-self} and {@code sys/capabilities-accessor}. */
@Component
public class CapabilityHandlers implements LocalRoutes.Registrar {

    private final AclService acls;
    private final ServiceClient client;

    public CapabilityHandlers(AclService acls, ServiceClient client) {
        this.acls = acls;
        this.client = client;
    }

    @Override
    public void register(LocalRoutes routes) {
        routes.exact("sys/capabilities-self", Set.of(UPDATE), call -> answer(call, call.caller().policies(), call.caller().entityId()))
                .exact("sys/capabilities", Set.of(UPDATE), call -> answer(call, "token", call.requireText("token")))
                .exact("sys/capabilities-accessor", Set.of(UPDATE),
                        call -> answer(call, "accessor", call.requireText("accessor")));
    }

    private ApiResult answer(ApiCall call, String field, String value) {
        JsonNode token = tokenOf(field, value);
        List<String> policies = new ArrayList<>();
        token.path("policies").forEach(p -> policies.add(p.asString()));
        return answer(call, policies, token.path("entity_id").asString(""));
    }

    private ApiResult answer(ApiCall call, List<String> policies, String entityId) {
        List<String> paths = paths(call.body());
        Acl acl = acls.aclFor(policies, entityId);
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String p : paths) {
            List<String> caps = acl.capabilities(p);
            data.put(p, caps);
            all.addAll(caps);
        }
        data.put("capabilities", all.stream().distinct().sorted().toList());
        return ApiResult.ok(VaultResponse.injected(call.ctx().requestId(), data));
    }

    /** The policies and entity of another token or accessor, looked up through identity without using the token. */
    private JsonNode tokenOf(String field, String value) {
        var reply = client.sendJson("identity", "POST", "/internal/tokens/policies",
                SystemContexts.internal("update", "sys/capabilities"), Map.of(field, value));
        if (!reply.ok()) {
            throw VaultException.badRequest("invalid " + field);
        }
        return client.parse(reply);
    }

    private static List<String> paths(JsonNode body) {
        JsonNode paths = body.has("paths") ? body.get("paths") : body.get("path");
        List<String> out = paths == null || paths.isNull() ? List.of() : Coerce.strings(paths, "paths");
        if (out.isEmpty()) {
            throw VaultException.badRequest("missing required field 'paths'");
        }
        return out;
    }
}
