package dev.arca.audit.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of the chain: {@code hash = hex(SHA-256(prev_hash || entry))}, both as UTF-8 bytes. The
 * entry is encoded into the digest a few kilobytes at a time: an entry as large as a request's body
 * is never copied whole to be hashed.
 */
public final class ChainHash {

    /** The {@code prev_hash} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final int CHUNK = 8192;

    private ChainHash() {
    }

    public static String of(String prevHash, String entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            utf8(sha, entry);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** What {@code sha.update(text.getBytes(UTF_8))} does, through one small buffer (unpaired surrogates as '?', likewise). */
    private static void utf8(MessageDigest sha, String text) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(text);
        ByteBuffer out = ByteBuffer.allocate(CHUNK);
        while (true) {
            CoderResult r = encoder.encode(in, out, true);
            out.flip();
            sha.update(out);
            out.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        while (encoder.flush(out).isOverflow()) {
            out.flip();
            sha.update(out);
            out.clear();
        }
        out.flip();
        sha.update(out);
    }
}
