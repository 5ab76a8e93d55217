package dev.arca.transit.crypt;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.transit.api.Item;
import dev.arca.transit.key.Ciphertext;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyType;
import dev.arca.transit.key.KeyVersion;
import dev.arca.transit.key.RsaOaep;
import dev.arca.transit.key.Symmetric;

/** Encryption and decryption of one item with a key, shared by encrypt, decrypt, rewrap and datakey. */
public final class Crypt {

    static final Field CONTEXT = Field.string("context", "Base64 context for key derivation; required for derived keys.");
    static final Field NONCE = Field.string("nonce", "Base64 nonce; only for convergent keys of version 1.");
    static final Field KEY_VERSION = Field.of("key_version", FieldType.INT, "Version of the key to encrypt with; 0 means the latest.")
            .range(0, Integer.MAX_VALUE);
    static final Field ASSOCIATED_DATA = Field.string("associated_data", "Base64 additional authenticated data (AEAD key types).");

    private Crypt() {
    }

    /** Encrypts, returning Vault's ciphertext string and the version used. */
    static Encrypted encrypt(KeyPolicy p, Item item, byte[] plaintext) {
        if (!p.type.encrypts()) {
            throw VaultException.badRequest("key type " + p.type + " does not support encryption");
        }
        int version = p.encryptionVersion(item.integer(KEY_VERSION.name()));
        byte[] sealed;
        if (p.type.symmetric()) {
            sealed = Symmetric.encrypt(p, version, plaintext, item.base64(CONTEXT.name(), "context"), item.base64(NONCE.name(), "nonce"),
                    item.base64(ASSOCIATED_DATA.name(), "associated_data"));
        } else {
            sealed = RsaOaep.encrypt(p.version(version), plaintext);
        }
        return new Encrypted(Ciphertext.format(version, sealed), version);
    }

    static byte[] decrypt(KeyPolicy p, Item item, String ciphertext) {
        if (!p.type.encrypts()) {
            throw VaultException.badRequest("key type " + p.type + " does not support decryption");
        }
        if (ciphertext.isEmpty()) {
            throw VaultException.badRequest("missing ciphertext to decrypt");
        }
        Ciphertext c = Ciphertext.parse(ciphertext);
        KeyVersion v = p.decryptionVersion(c.version());
        if (p.type == KeyType.RSA_2048 || p.type == KeyType.RSA_3072 || p.type == KeyType.RSA_4096) {
            return RsaOaep.decrypt(v, c.bytes());
        }
        return Symmetric.decrypt(p, v, c.bytes(), item.base64(CONTEXT.name(), "context"), item.base64(NONCE.name(), "nonce"),
                item.base64(ASSOCIATED_DATA.name(), "associated_data"));
    }

    /** A ciphertext in Vault's format and the key version that made it. */
    record Encrypted(String ciphertext, int version) {
    }
}
