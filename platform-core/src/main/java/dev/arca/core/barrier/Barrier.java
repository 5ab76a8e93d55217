package dev.arca.core.barrier;

import dev.arca.core.api.VaultException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's barrier: holds the keyring in memory only while unsealed. Every use while sealed fails
 * with Vault's 503 "Vault is sealed".
 */
public final class Barrier implements Encryptor {

    private static final Logger log = LoggerFactory.getLogger(Barrier.class);

    private final AtomicReference<@Nullable Keyring> keyring = new AtomicReference<>();
    private final List<Runnable> keyringGone = new CopyOnWriteArrayList<>();

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
        retire(keyring.getAndSet(k.copy()));
    }

    public void seal() {
        retire(keyring.getAndSet(null));
    }

    /**
     * Runs {@code action} each time the held keyring goes: at every seal, and at an unseal that replaces
     * it. Whatever a service derived from protected data (parsed keys, open pools) is dropped there.
     */
    public void onKeyringGone(Runnable action) {
        keyringGone.add(action);
    }

    private void retire(@Nullable Keyring old) {
        if (old == null) {
            return;
        }
        old.wipe();
        for (Runnable action : keyringGone) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // one failing listener must not keep the others holding what they derived
                log.warn("dropping what was derived from the barrier's keyring failed: {}", e.getClass().getName());
            }
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
