package dev.arca.core.context;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers contexts this service has already verified, so a context the gateway reuses (its own
 * system context for batched audit entries, or one request's context sent twice) costs one ES256
 * verification, not one per call. A hit is the exact same compact JWT, already checked for signature,
 * issuer and audience; it is served only until the context's own expiry, after which the full check
 * runs again (and fails). The cache is bounded: when full it starts over.
 */
final class VerifiedContextCache implements JwtDecoder {

    static final int MAX_ENTRIES = 4096;

    private final JwtDecoder delegate;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedContextCache(JwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt hit = verified.get(token);
        if (hit != null) {
            Instant exp = hit.getExpiresAt();
            if (exp != null && Instant.now().isBefore(exp)) {
                return hit;
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }
}
