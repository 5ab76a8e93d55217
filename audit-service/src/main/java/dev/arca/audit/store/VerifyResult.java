package dev.arca.audit.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of walking the chain: intact (with the entry count and head), or broken at the first row
 * whose links do not hold.
 */
public record VerifyResult(boolean verified, long entries, long headSeq, String headHash,
        long brokenSeq, @Nullable String requestId, @Nullable String reason) {

    public static final String HASH_MISMATCH = "hash mismatch";
    public static final String PREVIOUS_HASH_MISMATCH = "previous hash mismatch";

    static VerifyResult intact(long entries, long headSeq, String headHash) {
        return new VerifyResult(true, entries, headSeq, headHash, 0, null, null);
    }

    static VerifyResult broken(long checked, long seq, String requestId, String reason) {
        return new VerifyResult(false, checked, 0, "", seq, requestId, reason);
    }

    /** The {@code data} of the API response, in Arca's field names. */
    public Map<String, Object> toData() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("verified", verified);
        if (verified) {
            d.put("entries", entries);
            d.put("head_seq", headSeq);
            d.put("head_hash", headHash);
        } else {
            d.put("entries_checked", entries);
            d.put("first_broken_seq", brokenSeq);
            d.put("request_id", requestId);
            d.put("reason", reason);
        }
        return d;
    }
}
