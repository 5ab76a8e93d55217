package dev.arca.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.core.context.RequestContext;
import dev.arca.gateway.service.StandInService;
import dev.arca.gateway.service.SystemContexts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The emitter's meters, against a stand-in for audit-service that accepts or refuses every batch. */
class AuditEmitterTests {

    private static final RequestContext CTX = SystemContexts.internal("read", "secret/data/a");

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private volatile int status = 204;
    private final StandInService audit = new StandInService("audit", "/internal/audit/log", json, exchange -> {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    });
    private final AuditEmitter emitter = new AuditEmitter(audit.client(), audit.signer(), json, meters);

    @AfterEach
    void stop() {
        emitter.destroy();
        audit.close();
    }

    @Test
    void aStoredEntryIsTimedAndNoFailureCounted() {
        emitter.log(CTX, json.createObjectNode().put("type", "request"));
        emitter.log(CTX, json.createObjectNode().put("type", "response"));

        assertThat(meters.get("arca.audit.emit").timer().count()).isEqualTo(2);
        assertThat(meters.get("arca.audit.failures").counter().count()).isZero();
    }

    @Test
    void aRefusedEntryIsCountedAsAFailureAndRefusesTheCall() {
        status = 500;

        assertThatThrownBy(() -> emitter.log(CTX, json.createObjectNode().put("type", "request")))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.status()).isEqualTo(500));

        assertThat(meters.get("arca.audit.failures").counter().count()).isEqualTo(1);
        assertThat(meters.get("arca.audit.emit").timer().count()).as("only durable entries are timed").isZero();
    }
}
