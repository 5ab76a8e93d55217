package dev.arca.gateway.seal;

import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.Keyring;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.service.ServiceClient;
import dev.arca.gateway.service.ServiceUnavailableException;
import dev.arca.gateway.service.SystemContexts;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries the gateway's seal state to every service: pushes the keyring on unseal and rotate, removes
 * it on seal, and every few seconds brings instances that started later (or restarted) into line.
 *
 * <p>Every change of seal state (init, unseal, seal, rotate) and every reconcile pass runs under one
 * lock ({@link #exclusively}): a pass never sees the gateway half-way through a change (init holds the
 * services unsealed while the gateway is still sealed), and two changes never interleave their fan-outs.
 */
@Component
public class SealFanout {

    private static final Logger log = LoggerFactory.getLogger(SealFanout.class);

    private final GatewayProperties props;
    private final ServiceClient client;
    private final Barrier barrier;
    private final ReentrantLock transitions = new ReentrantLock();

    public SealFanout(GatewayProperties props, @Lazy ServiceClient client, Barrier barrier) {
        this.props = props;
        this.client = client;
        this.barrier = barrier;
    }

    /** Runs a change of seal state with no reconcile pass or other change in between. */
    public <T> T exclusively(Supplier<T> change) {
        transitions.lock();
        try {
            return change.get();
        } finally {
            transitions.unlock();
        }
    }

    /** Unseals every service; a service that cannot be reached now is unsealed by {@link #reconcile}. */
    public void unsealAll(Keyring keyring) {
        exclusively(() -> {
            unsealEach(keyring);
            return null;
        });
    }

    private void unsealEach(Keyring keyring) {
        for (String service : props.services().keySet()) {
            try {
                push(service, keyring);
            } catch (ServiceUnavailableException e) {
                log.warn("could not unseal service {} yet; will retry", service);
            }
        }
    }

    public void sealAll() {
        exclusively(() -> {
            for (String service : props.services().keySet()) {
                try {
                    client.send(service, "DELETE", "/internal/keyring", SystemContexts.internal("delete", "sys/seal"), null, null);
                } catch (ServiceUnavailableException e) {
                    log.warn("could not seal service {}: unreachable", service);
                }
            }
            return null;
        });
    }

    @Scheduled(initialDelay = 2000, fixedDelayString = "${arca.seal.reconcile-interval-ms:2000}")
    public void reconcile() {
        exclusively(() -> {
            reconcileEach();
            return null;
        });
    }

    private void reconcileEach() {
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
