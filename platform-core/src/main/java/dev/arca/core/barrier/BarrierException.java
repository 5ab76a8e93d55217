package dev.arca.core.barrier;

/** Ciphertext that cannot be opened: wrong key, wrong row, or tampered bytes. A system error. */
public class BarrierException extends RuntimeException {

    public BarrierException(String message) {
        super(message, null, false, false);
    }
}
