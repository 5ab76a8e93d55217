package dev.arca.identity.token;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random 32-byte keys made once per installation and kept in {@code hmac_key} (one row per key id),
 * encrypted under the barrier: 1 turns token ids into lookup keys, 2 seals batch tokens. A key lives in
 * memory only while unsealed, and is read again after a barrier rotation.
 */
@Component
public class InstallationKeys {

    /** The HMAC key of token ids. */
    static final int TOKEN_HMAC = 1;
    /** The AES-256-GCM key of batch tokens. */
    static final int BATCH_TOKENS = 2;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Barrier barrier;
    private final JdbcClient jdbc;
    private final Map<Integer, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(byte[] key, int term) {
    }

    public InstallationKeys(Barrier barrier, JdbcClient jdbc) {
        this.barrier = barrier;
        this.jdbc = jdbc;
    }

    static String aad(int id) {
        return Barrier.aad("identity", "hmac_key", Integer.toString(id));
    }

    /** The key's bytes (not to be changed by the caller); 503 while sealed. */
    byte[] key(int id) {
        if (barrier.isSealed()) {
            loaded.clear();
            throw VaultException.sealed();
        }
        Loaded k = loaded.get(id);
        if (k != null && k.term() == barrier.activeTerm()) {
            return k.key();
        }
        synchronized (this) {
            byte[] sealed = load(id);
            if (sealed == null) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                // Several replicas may start at once: the first insert wins, everyone reads it back.
                jdbc.sql("INSERT INTO hmac_key (id, ciphertext) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
                        .params(id, barrier.encrypt(fresh, aad(id))).update();
                Arrays.fill(fresh, (byte) 0);
                sealed = load(id);
                if (sealed == null) {
                    throw VaultException.internal("internal error");
                }
            }
            Loaded fresh = new Loaded(barrier.decrypt(sealed, aad(id)), barrier.activeTerm());
            loaded.put(id, fresh);
            return fresh.key();
        }
    }

    private byte @Nullable [] load(int id) {
        return jdbc.sql("SELECT ciphertext FROM hmac_key WHERE id = ?").param(id).query(byte[].class).optional().orElse(null);
    }
}
