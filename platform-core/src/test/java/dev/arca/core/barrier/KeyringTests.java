package dev.arca.core.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyringTests {

    private static final byte[] SECRET = "s3cr3t".getBytes(StandardCharsets.UTF_8);

    @Test
    void ciphertextIsBoundToItsRow() {
        Keyring k = Keyring.generate();
        byte[] c = k.encrypt(SECRET, Barrier.aad("kv", "versions", "a/1"));
        assertThat(k.decrypt(c, Barrier.aad("kv", "versions", "a/1"))).isEqualTo(SECRET);
        assertThatThrownBy(() -> k.decrypt(c, Barrier.aad("kv", "versions", "b/1"))).isInstanceOf(BarrierException.class);
    }

    @Test
    void rotationKeepsOldTermsDecryptingAndEncryptsWithTheNewTerm() {
        Keyring first = Keyring.generate();
        byte[] old = first.encrypt(SECRET, "row");
        Keyring second = first.rotate();
        assertThat(second.active().term()).isEqualTo(2);
        assertThat(second.decrypt(old, "row")).isEqualTo(SECRET);
        byte[] fresh = second.encrypt(SECRET, "row");
        assertThat(fresh[3]).isEqualTo((byte) 2);
        assertThatThrownBy(() -> first.decrypt(fresh, "row")).isInstanceOf(BarrierException.class);
    }

    @Test
    void sealingTheBarrierWipesOnlyItsOwnCopy() {
        Keyring k = Keyring.generate();
        byte[] c = k.encrypt(SECRET, "row");
        Barrier barrier = new Barrier();
        barrier.unseal(k);
        barrier.unseal(k.rotate());
        barrier.seal();
        assertThat(barrier.isSealed()).isTrue();
        assertThat(k.decrypt(c, "row")).isEqualTo(SECRET);
        assertThat(Keyring.fromMap(k.toMap()).decrypt(c, "row")).isEqualTo(SECRET);
    }

    @Test
    void tamperedCiphertextFails() {
        Keyring k = Keyring.generate();
        byte[] c = k.encrypt(SECRET, "row");
        c[c.length - 1] ^= 1;
        assertThatThrownBy(() -> k.decrypt(c, "row")).isInstanceOf(BarrierException.class);
    }
}
