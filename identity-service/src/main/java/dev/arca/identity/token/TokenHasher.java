package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns token ids into lookup keys: HMAC-SHA256 under the installation's token key
 * ({@link InstallationKeys#TOKEN_HMAC}), which lives in memory only while unsealed.
 */
@Component
public class TokenHasher {

    private final InstallationKeys keys;
    private volatile @Nullable MacHolder mac;

    public TokenHasher(InstallationKeys keys) {
        this.keys = keys;
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
        byte[] k = keys.key(InstallationKeys.TOKEN_HMAC);
        MacHolder h = mac;
        if (h == null || h.key() != k) {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(k, "HmacSHA256"));
                h = new MacHolder(k, m);
                mac = h;
            } catch (GeneralSecurityException e) {
                throw VaultException.internal("internal error");
            }
        }
        return h.mac();
    }

    /** The keyed prototype and the key it was made with (a key read again makes a new one). */
    private record MacHolder(byte[] key, Mac mac) {
    }
}
