package dev.arca.pki.acme;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * ACME's anti-replay nonces (RFC 8555 section 6.5): random, single use, expiring after
 * {@link #LIFETIME}, and at most {@link #MAX} outstanding (the oldest are dropped first). A nonce is
 * valid on the service instance that issued it; a client that sends another gets {@code badNonce}
 * with a fresh one and retries, as the RFC provides.
 */
@Component
public class AcmeNonces {

    static final int MAX = 10_000;
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Map<String, Long> issued = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX;
        }
    };

    public AcmeNonces() {
        this(Clock.systemUTC());
    }

    AcmeNonces(Clock clock) {
        this.clock = clock;
    }

    /** A new nonce. */
    public String issue() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        synchronized (issued) {
            issued.put(nonce, clock.millis() + LIFETIME.toMillis());
        }
        return nonce;
    }

    /** Whether the nonce was issued here, is unexpired and unused; it is used up either way. */
    public boolean consume(String nonce) {
        Long expires;
        synchronized (issued) {
            expires = issued.remove(nonce);
        }
        return expires != null && expires > clock.millis();
    }
}
