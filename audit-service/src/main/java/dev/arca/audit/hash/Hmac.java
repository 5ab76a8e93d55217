package dev.arca.audit.hash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** One audit device's HMAC: HMAC-SHA256 with the device's key, printed as Vault does ({@code hmac-sha256:<hex>}). */
public final class Hmac {

    public static final String PREFIX = "hmac-sha256:";
    private static final String ALGORITHM = "HmacSHA256";

    /** Keyed once; every hash works on a clone, which skips the provider lookup and the key schedule. */
    private final Mac keyed;
    /** Values hashed by this instance, when it is a {@link #memoizing()} one. */
    private final @Nullable Map<String, String> memo;

    public Hmac(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty HMAC key");
        }
        try {
            keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(key, ALGORITHM));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("invalid HMAC key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
        memo = null;
    }

    private Hmac(Mac keyed, Map<String, String> memo) {
        this.keyed = keyed;
        this.memo = memo;
    }

    /**
     * The same HMAC, remembering what it has hashed: for one thread and one batch of entries, whose
     * request and response entries repeat the caller's token and accessor. Drop it with the batch.
     */
    public Hmac memoizing() {
        return new Hmac(keyed, new HashMap<>());
    }

    public String hash(String input) {
        return memo == null ? compute(input) : memo.computeIfAbsent(input, this::compute);
    }

    private String compute(String input) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 provider cannot copy a keyed MAC", e);
        }
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
