package dev.arca.pki.x509;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate serial numbers: random 159-bit values, printed as Vault prints them (lower-case hex bytes joined by colons). */
public final class Serials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Serials() {
    }

    public static BigInteger random() {
        BigInteger s;
        do {
            s = new BigInteger(159, RANDOM);
        } while (s.signum() == 0);
        return s;
    }

    public static String format(BigInteger serial) {
        byte[] b = serial.toByteArray();
        int from = b.length > 1 && b[0] == 0 ? 1 : 0;
        StringBuilder out = new StringBuilder((b.length - from) * 3);
        HexFormat hex = HexFormat.of();
        for (int i = from; i < b.length; i++) {
            if (i > from) {
                out.append(':');
            }
            out.append(hex.toHexDigits(b[i]));
        }
        return out.toString();
    }

    /** A serial as a caller may send it ({@code AB-CD}, {@code ab:cd}), in the stored form. */
    public static String normalize(String serial) {
        return serial.trim().toLowerCase(Locale.ROOT).replace('-', ':');
    }
}
