package dev.arca.identity.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes expired tokens and their descendants in the background. Expiry is also checked on every
 * resolve, so this only tidies storage and tells the gateway about expired children.
 */
@Component
public class TokenReaper {

    private static final Logger log = LoggerFactory.getLogger(TokenReaper.class);

    private final TokenService tokens;
    public TokenReaper(TokenService tokens) {
        this.tokens = tokens;
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
