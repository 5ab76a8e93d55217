package dev.arca.core.barrier;

/**
 * Encrypts values before they reach storage. The additional data names the row the value belongs to
 * (see {@link Barrier#aad}), so a ciphertext copied to another row does not decrypt.
 */
public interface Encryptor {

    byte[] encrypt(byte[] plaintext, String aad);

    byte[] decrypt(byte[] ciphertext, String aad);
}
