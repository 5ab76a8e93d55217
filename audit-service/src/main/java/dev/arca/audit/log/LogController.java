package dev.arca.audit.log;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.core.local.LocalRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /internal/audit/log}: the gateway's unhashed entry, or a JSON array of entries (the
 * gateway batches the entries of concurrent calls). 204 once every enabled device has stored every
 * entry; 500 otherwise, and the gateway then refuses the API calls (fail-closed).
 */
@RestController
class LogController {

    private static final Logger log = LoggerFactory.getLogger(LogController.class);
    private static final Set<String> TYPES = Set.of("request", "response");

    private final AuditBroker broker;

    LogController(AuditBroker broker) {
        this.broker = broker;
    }

    @PostMapping("/internal/audit/log")
    ResponseEntity<Void> log(RequestContext ctx, @RequestBody JsonNode body) {
        List<ObjectNode> entries = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(e -> entries.add(entry(e)));
        } else {
            entries.add(entry(body));
        }
        try {
            broker.log(entries);
        } catch (AuditFailedException e) {
            log.error("audit entry not stored: {}", e.getMessage());
            throw VaultException.internal("failed to audit the request");
        } catch (VaultException e) {
            // e.g. sealed: the device keys are out of reach, and the contract knows only 204 and 500
            log.error("audit entry not stored: {}", e.errors());
            throw VaultException.internal("failed to audit the request");
        }
        return ResponseEntity.noContent().build();
    }

    /** The same handling for the gateway's in-process calls ({@code arca dev}, {@code arca server}). */
    @Bean
    static LocalRoute auditLogLocalRoute(LogController controller, JsonMapper json) {
        return new LocalRoute("POST", "/internal/audit/log", call -> controller.log(call.context(), call.json(json)));
    }

    private static ObjectNode entry(JsonNode node) {
        if (!(node instanceof ObjectNode entry) || !TYPES.contains(entry.path("type").asString(""))) {
            throw VaultException.badRequest("an audit entry must be a JSON object of type \"request\" or \"response\"");
        }
        return entry;
    }
}
