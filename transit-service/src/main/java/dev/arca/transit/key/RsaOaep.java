package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.security.GeneralSecurityException;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/** RSA encryption as keysutil does it: OAEP with SHA-256 for both the hash and MGF1, no label. */
public final class RsaOaep {

    private static final OAEPParameterSpec SPEC = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            PSource.PSpecified.DEFAULT);

    private RsaOaep() {
    }

    public static byte[] encrypt(KeyVersion v, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.ENCRYPT_MODE, KeyMaterial.rsaPublic(v.rsa()), SPEC, KeyMaterial.RANDOM);
            return c.doFinal(plaintext);
        } catch (javax.crypto.IllegalBlockSizeException e) {
            throw VaultException.badRequest("failed to RSA encrypt the plaintext: message too long");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA encryption failed", e);
        }
    }

    public static byte[] decrypt(KeyVersion v, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, KeyMaterial.rsaPrivate(v.rsa()), SPEC);
            return c.doFinal(ciphertext);
        } catch (BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
            throw VaultException.badRequest("failed to RSA decrypt the ciphertext: crypto/rsa: decryption error");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA decryption failed", e);
        }
    }
}
