package dev.arca.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainHashTests {

    @Test
    void isSha256OfPreviousHashThenEntry() {
        // sha256("abc")
        assertThat(ChainHash.of("a", "bc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ChainHash.of("ab", "c")).isEqualTo(ChainHash.of("a", "bc"));
    }

    private static String bytesDigest(String prev, String entry) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prev.getBytes(StandardCharsets.UTF_8));
        sha.update(entry.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void isTheDigestOfTheUtf8BytesWhereverMultiByteCharactersFall() throws Exception {
        String emoji = "\uD83D\uDD11";
        for (int at : new int[] {0, 8190, 8191, 8192, 8193, 16383, 20000}) {
            String entry = "a".repeat(at) + emoji + "é€" + "b".repeat(100);
            assertThat(ChainHash.of("p", entry)).as("at " + at).isEqualTo(bytesDigest("p", entry));
        }
        String unpaired = "x".repeat(8191) + "\uD83D" + "y" + "\uDD11";
        assertThat(ChainHash.of("p", unpaired)).as("unpaired surrogates as Java's getBytes writes them").isEqualTo(bytesDigest("p", unpaired));
        assertThat(ChainHash.of("p", "")).isEqualTo(bytesDigest("p", ""));
    }

    @Test
    void aLargeEntryIsNotCopiedWholeToBeHashed() throws Exception {
        String entry = "{\"data\":\"" + "é".repeat(4 * 1024 * 1024) + "\"}";
        String expected = bytesDigest(ChainHash.GENESIS, entry);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ChainHash.of(ChainHash.GENESIS, "warm up");
        long before = threads.getCurrentThreadAllocatedBytes();
        String hash = ChainHash.of(ChainHash.GENESIS, entry);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(hash).isEqualTo(expected);
        // the UTF-8 form alone would be 8 MiB; the chunked encoder allocates a few kilobytes
        assertThat(allocated).as("bytes allocated while hashing an 8 MiB entry").isLessThan(256 * 1024);
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
