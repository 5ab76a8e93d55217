package dev.arca.lease.expiry;

import dev.arca.core.barrier.Barrier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The expiry scheduler: every {@code arca.lease.expiry-interval}, first turns the pending token
 * revocations into due leases, then revokes due leases batch after batch until none is left. It
 * touches only due rows (by index), so neither start-up nor a tick costs anything proportional to the
 * number of leases. Any number of replicas may run it on one database.
 */
@Component
public class LeaseExpiry {

    private static final Logger log = LoggerFactory.getLogger(LeaseExpiry.class);

    private final Revocations revocations;
    private final TokenRevocationFeed tokens;
    private final Barrier barrier;

    public LeaseExpiry(Revocations revocations, TokenRevocationFeed tokens, Barrier barrier) {
        this.revocations = revocations;
        this.tokens = tokens;
        this.barrier = barrier;
    }

    @Scheduled(fixedDelayString = "${arca.lease.expiry-interval:1s}", initialDelayString = "${arca.lease.expiry-interval:1s}")
    public void tick() {
        if (barrier.isSealed()) {
            // revocation data cannot be read while sealed
            return;
        }
        try {
            tokens.drain();
            int n;
            int total = 0;
            do {
                n = revocations.expireDue();
                total += n;
            } while (n > 0 && !barrier.isSealed());
            if (total > 0) {
                log.debug("expiry took {} leases", total);
            }
        } catch (RuntimeException e) {
            log.warn("lease expiry failed: {}", e.getClass().getName());
        }
    }
}
