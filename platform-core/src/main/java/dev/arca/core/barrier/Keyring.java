package dev.arca.core.barrier;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Base64;

/**
 * The barrier's data keys by term. New values are encrypted with the active (newest) term; every
 * older term still decrypts. Ciphertext layout: {@code term (4 bytes) | version (1) | nonce (12) | sealed}.
 */
public final class Keyring implements Encryptor {

    static final byte VERSION = 1;
    private static final int HEADER = 5;

    /** One data key. */
    public record Term(int term, byte[] key, Instant installed) {
        public Term {
            if (key.length != Aead.KEY_BYTES) {
                throw new IllegalArgumentException("a barrier key is 32 bytes");
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "Term[" + term + ", installed=" + installed + "]";
        }
    }

    private final Map<Integer, byte[]> keys;
    private final List<Term> terms;
    private final Term active;

    public Keyring(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one term");
        }
        Map<Integer, byte[]> byTerm = new HashMap<>();
        Term newest = terms.getFirst();
        for (Term t : terms) {
            byTerm.put(t.term(), t.key);
            if (t.term() > newest.term()) {
                newest = t;
            }
        }
        this.keys = Collections.unmodifiableMap(byTerm);
        this.terms = List.copyOf(terms);
        this.active = newest;
    }

    /** A fresh keyring with one random term. */
    public static Keyring generate() {
        return new Keyring(List.of(new Term(1, Aead.randomKey(), Instant.now())));
    }

    /** This keyring plus a new random term that becomes active ({@code sys/rotate}). */
    public Keyring rotate() {
        List<Term> next = new java.util.ArrayList<>(copy().terms);
        next.add(new Term(active.term() + 1, Aead.randomKey(), Instant.now()));
        return new Keyring(next);
    }

    /** An independent copy with its own key arrays. */
    public Keyring copy() {
        return new Keyring(terms.stream().map(t -> new Term(t.term(), t.key(), t.installed())).toList());
    }

    public Term active() {
        return active;
    }

    public List<Term> terms() {
        return terms;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, String aad) {
        byte[] sealed = Aead.seal(active.key, plaintext, aad);
        return ByteBuffer.allocate(HEADER + sealed.length).putInt(active.term()).put(VERSION).put(sealed).array();
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, String aad) {
        if (ciphertext.length < HEADER) {
            throw new BarrierException("ciphertext too short");
        }
        ByteBuffer b = ByteBuffer.wrap(ciphertext);
        int term = b.getInt();
        if (b.get() != VERSION) {
            throw new BarrierException("unknown ciphertext version");
        }
        byte[] key = keys.get(term);
        if (key == null) {
            throw new BarrierException("no key for term " + term);
        }
        return Aead.open(key, ciphertext, HEADER, aad);
    }

    /** Wire and storage form: {@code {"terms":[{"term":1,"key":"<base64>","installed":"<RFC3339>"}]}}. */
    public Map<String, Object> toMap() {
        return Map.of("terms", terms.stream().map(t -> Map.of(
                "term", t.term(),
                "key", Base64.getEncoder().encodeToString(t.key),
                "installed", t.installed().toString())).toList());
    }

    @SuppressWarnings("unchecked")
    public static Keyring fromMap(Map<String, ?> map) {
        List<Map<String, Object>> raw = (List<Map<String, Object>>) map.get("terms");
        if (raw == null) {
            throw new IllegalArgumentException("keyring has no terms");
        }
        return new Keyring(raw.stream().map(t -> new Term(
                ((Number) t.get("term")).intValue(),
                Base64.getDecoder().decode((String) t.get("key")),
                Instant.parse((String) t.get("installed")))).toList());
    }

    /** Overwrites the key bytes held by this keyring; call when sealing. */
    void wipe() {
        keys.values().forEach(k -> Arrays.fill(k, (byte) 0));
    }
}
