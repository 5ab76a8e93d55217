package dev.arca.transit;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test's own crypto, written from the specifications with the JDK only (RFC 5869 HKDF by hand), to
 * check the engine's output independently of the engine's code.
 */
public final class Jdk {

    private Jdk() {
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** RFC 5869 with an empty salt (32 zero bytes), as Go's hkdf.New(sha256.New, key, nil, info). */
    public static byte[] hkdf(byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmacSha256(new byte[32], ikm);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int i = 1; out.size() < length; i++) {
            byte[] block = new byte[t.length + info.length + 1];
            System.arraycopy(t, 0, block, 0, t.length);
            System.arraycopy(info, 0, block, t.length, info.length);
            block[block.length - 1] = (byte) i;
            t = hmacSha256(prk, block);
            out.writeBytes(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /** {@code nonce | ciphertext | tag} with AES-GCM (16 or 32-byte key) or ChaCha20-Poly1305. */
    public static byte[] seal(String type, byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        Cipher c = cipher(type, Cipher.ENCRYPT_MODE, key, nonce);
        c.updateAAD(aad);
        byte[] ct = c.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, nonce.length + ct.length);
        System.arraycopy(ct, 0, out, nonce.length, ct.length);
        return out;
    }

    public static byte[] open(String type, byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
        Cipher c = cipher(type, Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, 12));
        c.updateAAD(aad);
        return c.doFinal(sealed, 12, sealed.length - 12);
    }

    private static Cipher cipher(String type, int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (type.equals("chacha20-poly1305")) {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            return c;
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return c;
    }

    /** {@code vault:v<n>:<base64>} split: the version and the bytes. */
    public static byte[] payload(String vaultValue, int expectedVersion) {
        String prefix = "vault:v" + expectedVersion + ":";
        if (!vaultValue.startsWith(prefix)) {
            throw new AssertionError("not a version " + expectedVersion + " value: " + vaultValue);
        }
        return Base64.getDecoder().decode(vaultValue.substring(prefix.length()));
    }

    public static PublicKey publicKey(String algorithm, String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }
}
