package dev.arca.gateway.seal;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.Keyring;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.ServiceUnavailableException;
import dev.arca.gateway.service.SystemContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries the gateway's seal state to every service: pushes the keyring on unseal and rotate, removes
 * it on seal, and every few seconds brings instances that started later (or restarted) into line.
 */
@Component
public class SealFanout {

    private static final Logger log = LoggerFactory.getLogger(SealFanout.class);

    private final GatewayProperties props;
    private final ServiceClient client;
    private final Barrier barrier;

    public SealFanout(GatewayProperties props, @Lazy ServiceClient client, Barrier barrier) {
        this.props = props;
        this.client = client;
        this.barrier = barrier;
    }

    /** Unseals every service; a service that cannot be reached now is unsealed by {@link #reconcile}. */
    public void unsealAll(Keyring keyring) {
        for (String service : props.services().keySet()) {
            try {
                push(service, keyring);
            } catch (ServiceUnavailableException e) {
                log.warn("could not unseal service {} yet; will retry", service);
            }
        }
    }

    public void sealAll() {
        for (String service : props.services().keySet()) {
            try {
                client.send(service, "DELETE", "/internal/keyring", SystemContexts.internal("delete", "sys/seal"), null, null);
            } catch (ServiceUnavailableException e) {
                log.warn("could not seal service {}: unreachable", service);
            }
        }
    }

    @Scheduled(initialDelay = 2000, fixedDelay = 2000)
    public void reconcile() {
        for (String service : props.services().keySet()) {
            try {
                var reply = client.send(service, "GET", "/internal/keyring", SystemContexts.internal("read", "sys/seal-status"), null, null);
                if (!reply.ok()) {
                    continue;
                }
                var state = client.parse(reply);
                boolean serviceSealed = state.path("sealed").asBoolean(true);
                if (barrier.isSealed() && !serviceSealed) {
                    client.send(service, "DELETE", "/internal/keyring", SystemContexts.internal("delete", "sys/seal"), null, null);
                } else if (!barrier.isSealed() && (serviceSealed || state.path("term").asInt() != barrier.activeTerm())) {
                    push(service, barrier.keyring());
                    log.info("unsealed service {}", service);
                }
            } catch (ServiceUnavailableException | dev.arca.core.api.VaultException e) {
                log.debug("service {} not reachable for seal reconciliation", service);
            }
        }
    }

    private void push(String service, Keyring keyring) {
        var reply = client.sendJson(service, "PUT", "/internal/keyring", SystemContexts.internal("update", "sys/unseal"), keyring.toMap());
        if (!reply.ok()) {
            throw new IllegalStateException("service " + service + " refused the keyring: HTTP " + reply.status());
        }
    }
}
