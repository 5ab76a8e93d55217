package dev.arca.audit.hash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One audit device's HMAC: HMAC-SHA256 with the device's key, printed as Vault does ({@code hmac-sha256:<hex>}). */
public final class Hmac {

    public static final String PREFIX = "hmac-sha256:";
    private static final String ALGORITHM = "HmacSHA256";

    /** Keyed once; every hash works on a clone, which skips the provider lookup and the key schedule. */
    private final Mac keyed;

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
    }

    public String hash(String input) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 provider cannot copy a keyed MAC", e);
        }
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }
}
