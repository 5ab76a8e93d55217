package dev.arca.core.seal;

import com.codahale.shamir.Scheme;
import dev.arca.core.api.VaultException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shamir secret sharing over GF(256) (codahale's {@code shamir}), in Vault's share layout: the share
 * bytes followed by one byte naming the x coordinate. With one share and threshold one the share is the
 * secret itself, as in Vault.
 */
public final class ShamirKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ShamirKeys() {
    }

    /** Validates Vault's init parameters; 400 with Vault's wording otherwise. */
    public static void validate(int shares, int threshold) {
        if (shares < 1 || threshold < 1) {
            throw VaultException.badRequest("secret shares and threshold must be at least 1");
        }
        if (threshold > shares) {
            throw VaultException.badRequest("threshold cannot be larger than shares");
        }
        if (shares > 255) {
            throw VaultException.badRequest("shares cannot be larger than 255");
        }
        if (shares > 1 && threshold == 1) {
            throw VaultException.badRequest("threshold must be greater than one for multiple shares");
        }
    }

    public static List<byte[]> split(byte[] secret, int shares, int threshold) {
        validate(shares, threshold);
        if (shares == 1) {
            return List.of(secret.clone());
        }
        Map<Integer, byte[]> parts = new Scheme(RANDOM, shares, threshold).split(secret);
        List<byte[]> out = new ArrayList<>(shares);
        parts.forEach((x, y) -> {
            byte[] share = Arrays.copyOf(y, y.length + 1);
            share[y.length] = (byte) x.intValue();
            out.add(share);
        });
        return out;
    }

    /**
     * Combines shares; the caller checks the result (a wrong share set yields a wrong secret, which the
     * seal detects when the wrapped root key fails to open).
     */
    public static byte[] combine(List<byte[]> shares, int totalShares, int threshold) {
        if (totalShares == 1) {
            return shares.getFirst().clone();
        }
        Map<Integer, byte[]> parts = new HashMap<>();
        for (byte[] s : shares) {
            if (s.length < 2) {
                throw VaultException.badRequest("invalid key");
            }
            parts.put(s[s.length - 1] & 0xff, Arrays.copyOf(s, s.length - 1));
        }
        if (parts.size() < shares.size()) {
            throw VaultException.badRequest("found duplicate key share");
        }
        return new Scheme(RANDOM, totalShares, threshold).join(parts);
    }
}
