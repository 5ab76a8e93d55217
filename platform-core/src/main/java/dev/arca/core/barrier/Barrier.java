package dev.arca.core.barrier;

import dev.arca.core.api.VaultException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A service's barrier: holds the keyring in memory only while unsealed. Every use while sealed fails
 * with Vault's 503 "Vault is sealed".
 */
public final class Barrier implements Encryptor {

    private final AtomicReference<@Nullable Keyring> keyring = new AtomicReference<>();

    /**
     * Additional data binding a ciphertext to its row: {@code schema/table/key}. A value moved to any
     * other row fails to decrypt.
     */
    public static String aad(String schema, String table, String key) {
        return schema + '/' + table + '/' + key;
    }

    public boolean isSealed() {
        return keyring.get() == null;
    }

    /** Holds a private copy, so that sealing (which wipes the held keys) never touches the caller's keyring. */
    public void unseal(Keyring k) {
        Keyring old = keyring.getAndSet(k.copy());
        if (old != null) {
            old.wipe();
        }
    }

    public void seal() {
        Keyring old = keyring.getAndSet(null);
        if (old != null) {
            old.wipe();
        }
    }

    /** The active term, or 0 while sealed. */
    public int activeTerm() {
        Keyring k = keyring.get();
        return k == null ? 0 : k.active().term();
    }

    public Keyring keyring() {
        Keyring k = keyring.get();
        if (k == null) {
            throw VaultException.sealed();
        }
        return k;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, String aad) {
        return keyring().encrypt(plaintext, aad);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, String aad) {
        return keyring().decrypt(ciphertext, aad);
    }
}
