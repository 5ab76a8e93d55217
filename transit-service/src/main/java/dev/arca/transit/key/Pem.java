package dev.arca.transit.key;

import java.util.Base64;

/** PEM armour as Go's {@code pem.EncodeToMemory} writes it: 64-column base64. */
public final class Pem {

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
