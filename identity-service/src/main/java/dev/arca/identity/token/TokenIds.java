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

    private static String base62(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(out);
    }
}
