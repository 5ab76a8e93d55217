package dev.arca.core.context;

import java.security.Provider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider for the ES256 request-context signatures: Conscrypt (BoringSSL) when its native
 * library loads on this platform, which signs and verifies P-256 about ten times faster than the
 * JDK; otherwise none, and the JDK's own provider serves. Either way the same algorithm and keys.
 */
final class ContextCrypto {

    private static final Logger log = LoggerFactory.getLogger(ContextCrypto.class);
    private static final @Nullable Provider PROVIDER = load();

    private ContextCrypto() {
    }

    /** The provider to use, or {@code null} for the JDK default. */
    static @Nullable Provider provider() {
        return PROVIDER;
    }

    private static @Nullable Provider load() {
        if (Boolean.getBoolean("arca.context.jdk-crypto")) {
            return null;
        }
        try {
            if (org.conscrypt.Conscrypt.isAvailable()) {
                return org.conscrypt.Conscrypt.newProvider();
            }
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: no native library for this platform
            log.debug("Conscrypt unavailable: {}", e.toString());
        }
        log.info("request contexts are signed and verified with the JDK's P-256 (Conscrypt unavailable here)");
        return null;
    }
}
