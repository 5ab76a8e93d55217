package dev.arca.audit.device;

import dev.arca.core.api.VaultResponse;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vault's "injector" routes ({@code sys/audit}, {@code sys/audit-hash/}) answer with the envelope
 * and also copy every key of {@code data} to the top level, for older clients.
 */
final class TopLevel {

    private TopLevel() {
    }

    static ObjectNode inject(JsonMapper json, String requestId, Map<String, ?> data) {
        ObjectNode body = json.valueToTree(VaultResponse.of(requestId, data));
        ObjectNode copied = json.valueToTree(data);
        copied.propertyNames().forEach(name -> body.set(name, copied.get(name)));
        return body;
    }
}
