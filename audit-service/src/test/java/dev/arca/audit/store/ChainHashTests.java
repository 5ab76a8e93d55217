package dev.arca.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainHashTests {

    @Test
    void isSha256OfPreviousHashThenEntry() {
        // sha256("abc")
        assertThat(ChainHash.of("a", "bc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ChainHash.of("ab", "c")).isEqualTo(ChainHash.of("a", "bc"));
    }

    @Test
    void verifyResultNamesTheBreak() {
        assertThat(VerifyResult.broken(4, 5, "r5", VerifyResult.HASH_MISMATCH).toData())
                .containsEntry("verified", false).containsEntry("entries_checked", 4L)
                .containsEntry("first_broken_seq", 5L).containsEntry("request_id", "r5")
                .containsEntry("reason", "hash mismatch");
        assertThat(VerifyResult.intact(3, 9, "h").toData()).containsEntry("verified", true).containsEntry("entries", 3L);
    }
}
