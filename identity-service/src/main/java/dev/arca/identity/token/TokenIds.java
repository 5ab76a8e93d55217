package dev.arca.identity.token;

import java.security.SecureRandom;

/** Random token ids ({@code hvs.} + 32 base62) and accessors (24 base62). */
final class TokenIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private TokenIds() {
    }

    static String token() {
        return "hvs." + base62(32);
    }

    static String accessor() {
        return base62(24);
    }

    /** n characters, uniform over base62: random bytes taken one call at a time, those of 248 and above skipped. */
    private static String base62(int n) {
        char[] out = new char[n];
        byte[] buf = new byte[n + n / 4 + 8];
        int filled = 0;
        while (filled < n) {
            RANDOM.nextBytes(buf);
            for (int i = 0; i < buf.length && filled < n; i++) {
                int v = buf[i] & 0xff;
                if (v < 248) { // 248 = 4 * 62: keeps every character equally likely
                    out[filled++] = BASE62[v % 62];
                }
            }
        }
        return new String(out);
    }
}
