package dev.arca.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** PostgreSQL's stored SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$iter:salt$StoredKey:ServerKey}) checked against a password (RFC 5802). */
final class Scram {

    private Scram() {
    }

    static boolean matches(String verifier, String password) {
        if (!verifier.startsWith("SCRAM-SHA-256$")) {
            return false;
        }
        String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
        int iterations = Integer.parseInt(parts[0]);
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] storedKey = Base64.getDecoder().decode(parts[2]);
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(clientKey), storedKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
