package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.util.Base64;

/** Vault's {@code vault:v<version>:<base64>} wrapping of ciphertexts, signatures and HMACs. */
public record Ciphertext(int version, String payload) {

    private static final String PREFIX = "vault:v";

    public static String format(int version, byte[] bytes) {
        return PREFIX + version + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    public static String format(int version, String payload) {
        return PREFIX + version + ":" + payload;
    }

    /** Parses as keysutil does, with its error texts; version 0 is the legacy name of version 1. */
    public static Ciphertext parse(String value) {
        if (!value.startsWith(PREFIX)) {
            throw VaultException.badRequest("invalid ciphertext: no prefix");
        }
        String rest = value.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw VaultException.badRequest("invalid ciphertext: wrong number of fields");
        }
        int version;
        try {
            version = Integer.parseInt(rest.substring(0, colon));
        } catch (NumberFormatException e) {
            throw VaultException.badRequest("invalid ciphertext: version number could not be decoded");
        }
        return new Ciphertext(version == 0 ? 1 : version, rest.substring(colon + 1));
    }

    public byte[] bytes() {
        try {
            return Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("invalid ciphertext: could not decode base64");
        }
    }
}
