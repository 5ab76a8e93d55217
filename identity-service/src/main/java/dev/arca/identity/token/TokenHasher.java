package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns token ids into lookup keys: HMAC-SHA256 with a 32-byte key made once per installation and
 * kept in {@code hmac_key} encrypted under the barrier. The key lives in memory only while unsealed.
 */
@Component
public class TokenHasher {

    static final String AAD = Barrier.aad("identity", "hmac_key", "1");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Barrier barrier;
    private final JdbcClient jdbc;
    private volatile @Nullable SecretKeySpec key;
    private volatile int keyTerm;
    private volatile @Nullable MacHolder mac;

    public TokenHasher(Barrier barrier, JdbcClient jdbc) {
        this.barrier = barrier;
        this.jdbc = jdbc;
    }

    public byte[] hash(String token) {
        try {
            // A keyed prototype cloned per call: no provider lookup and key schedule on every token check.
            Mac mac = (Mac) keyedMac().clone();
            return mac.doFinal(token.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw VaultException.internal("internal error");
        }
    }

    private Mac keyedMac() {
        SecretKeySpec k = key();
        MacHolder h = mac;
        if (h == null || h.key() != k) {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(k);
                h = new MacHolder(k, m);
                mac = h;
            } catch (GeneralSecurityException e) {
                throw VaultException.internal("internal error");
            }
        }
        return h.mac();
    }

    /** The keyed prototype and the key it was made with (a new key term makes a new one). */
    private record MacHolder(SecretKeySpec key, Mac mac) {
    }

    private SecretKeySpec key() {
        if (barrier.isSealed()) {
            key = null;
            throw VaultException.sealed();
        }
        SecretKeySpec k = key;
        if (k != null && keyTerm == barrier.activeTerm()) {
            return k;
        }
        synchronized (this) {
            byte[] sealed = load();
            if (sealed == null) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                // Several replicas may start at once: the first insert wins, everyone reads it back.
                jdbc.sql("INSERT INTO hmac_key (id, ciphertext) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                        .param(barrier.encrypt(fresh, AAD)).update();
                java.util.Arrays.fill(fresh, (byte) 0);
                sealed = load();
                if (sealed == null) {
                    throw VaultException.internal("internal error");
                }
            }
            byte[] raw = barrier.decrypt(sealed, AAD);
            k = new SecretKeySpec(raw, "HmacSHA256");
            java.util.Arrays.fill(raw, (byte) 0);
            key = k;
            keyTerm = barrier.activeTerm();
            return k;
        }
    }

    private byte @Nullable [] load() {
        return jdbc.sql("SELECT ciphertext FROM hmac_key WHERE id = 1").query(byte[].class).optional().orElse(null);
    }
}
