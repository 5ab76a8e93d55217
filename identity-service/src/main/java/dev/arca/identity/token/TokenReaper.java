package dev.arca.identity.token;

import dev.arca.core.barrier.Barrier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes expired tokens and their descendants in the background. Expiry is also checked on every
 * resolve, so this only tidies storage and tells the gateway about expired children.
 */
@Component
public class TokenReaper {

    private static final Logger log = LoggerFactory.getLogger(TokenReaper.class);

    private final TokenService tokens;
    private final TokenStore store;
    private final Barrier barrier;
    private final AtomicBoolean tidying = new AtomicBoolean();

    public TokenReaper(TokenService tokens, TokenStore store, Barrier barrier) {
        this.tokens = tokens;
        this.store = store;
        this.barrier = barrier;
    }

    /** Encrypts the metadata of tokens written before it was sealed, a batch at a time, while unsealed. */
    @Scheduled(fixedDelayString = "${arca.identity.meta-seal-interval:10s}", initialDelay = 1000)
    @Transactional
    public void sealLegacyMeta() {
        if (barrier.isSealed()) {
            return;
        }
        int n = store.sealLegacyMeta(500);
        if (n > 0) {
            log.info("encrypted the metadata of {} tokens stored before it was sealed", n);
        }
    }

    /**
     * {@code auth/token/tidy}: reaps in the background, batch after batch until nothing expired is left;
     * false when a tidy is already running.
     */
    public boolean tidyInBackground() {
        if (!tidying.compareAndSet(false, true)) {
            return false;
        }
        Thread.ofVirtual().name("token-tidy").start(() -> {
            try {
                int total = 0;
                for (int n = tokens.reapExpired(500); n > 0; n = tokens.reapExpired(500)) {
                    total += n;
                }
                log.info("token tidy revoked {} expired or used-up tokens", total);
            } catch (RuntimeException e) {
                log.warn("token tidy failed: {}", e.getClass().getName());
            } finally {
                tidying.set(false);
            }
        });
        return true;
    }

    @Scheduled(fixedDelayString = "${arca.identity.reap-interval:60s}", initialDelayString = "${arca.identity.reap-interval:60s}")
    public void reap() {
        try {
            int n = tokens.reapExpired(500);
            if (n > 0) {
                log.info("revoked {} expired tokens", n);
            }
        } catch (RuntimeException e) {
            log.warn("expired token cleanup failed: {}", e.getClass().getName());
        }
    }
}
