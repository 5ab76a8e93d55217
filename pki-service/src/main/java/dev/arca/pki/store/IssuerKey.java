package dev.arca.pki.store;

import java.security.KeyPair;

/** A key an issuer signs with; held in memory only while the barrier is unsealed. */
public record IssuerKey(String id, String name, String type, KeyPair pair) {

    public IssuerKey withName(String newName) {
        return new IssuerKey(id, newName, type, pair);
    }
}
