package dev.arca.core.barrier;

import org.jspecify.annotations.Nullable;

/**
 * Caches that hold what the barrier protects (parsed keys, decrypted settings), kept only while the
 * barrier is unsealed: emptied when it seals or its keyring is replaced ({@link Barrier#onKeyringGone}),
 * and before each use ({@link #check}) when they were filled under another keyring, which also catches
 * an entry put back by a call that was under way when the barrier sealed.
 */
public final class SealBound {

    private final Barrier barrier;
    private final Runnable clear;
    private volatile @Nullable Keyring filledUnder;

    /** @param clear empties the caches */
    public SealBound(Barrier barrier, Runnable clear) {
        this.barrier = barrier;
        this.clear = clear;
        barrier.onKeyringGone(clear);
    }

    /** Before a use of the caches: 503 while sealed; the keyring they may be filled under. */
    public Keyring check() {
        Keyring ring = barrier.keyring();
        if (ring != filledUnder) {
            clear.run();
            filledUnder = ring;
        }
        return ring;
    }
}
