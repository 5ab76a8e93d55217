package dev.arca.identity.token;

import dev.arca.core.barrier.Barrier;
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
