package dev.arca.transit.keys;

import dev.arca.transit.key.KeyMaterial;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.KeyType;
import dev.arca.transit.key.KeyVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A key as Vault's read answers it: versions (creation times, or public keys for asymmetric types) and settings. */
public final class KeyView {

    private KeyView() {
    }

    public static Map<String, Object> of(KeyPolicy p) {
        return of(p, null);
    }

    /**
     * With a context, a derived ed25519 key shows the public keys derived for it; without one it shows
     * none, since its stored public key is half of what every derived key comes from (as in Vault).
     */
    public static Map<String, Object> of(KeyPolicy p, byte @Nullable [] context) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("allow_plaintext_backup", p.allowPlaintextBackup);
        d.put("auto_rotate_period", p.autoRotatePeriodSeconds);
        d.put("deletion_allowed", p.deletionAllowed);
        d.put("derived", p.derived);
        d.put("exportable", p.exportable);
        d.put("imported_key", false);
        Map<String, Object> keys = new LinkedHashMap<>();
        p.versions.forEach((n, v) -> keys.put(Integer.toString(n), version(p, v, context)));
        d.put("keys", keys);
        d.put("latest_version", p.latestVersion);
        d.put("min_available_version", p.minAvailableVersion);
        d.put("min_decryption_version", p.minDecryptionVersion);
        d.put("min_encryption_version", p.minEncryptionVersion);
        d.put("name", p.name);
        d.put("supports_decryption", p.type.encrypts());
        d.put("supports_derivation", p.type.derives());
        d.put("supports_encryption", p.type.encrypts());
        d.put("supports_signing", p.type.signs());
        d.put("type", p.type.wire());
        if (p.derived) {
            d.put("kdf", "hkdf_sha256");
            d.put("convergent_encryption", p.convergent);
            if (p.convergent) {
                d.put("convergent_encryption_version", p.convergentVersion);
            }
        }
        if (p.type == KeyType.HMAC) {
            d.put("key_size", p.keySize);
        }
        return d;
    }

    private static Object version(KeyPolicy p, KeyVersion v, byte @Nullable [] context) {
        KeyType type = p.type;
        if (!type.signs()) {
            return v.time().getEpochSecond();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("creation_time", v.time().toString());
        m.put("name", switch (type.family()) {
            case ECDSA -> "P-" + type.size();
            case ED25519 -> "ed25519";
            default -> type.wire();
        });
        boolean hidden = p.derived && (context == null || context.length == 0);
        m.put("public_key", hidden ? "" : KeyMaterial.publicKey(type, KeyMaterial.forContext(p, v, context)));
        return m;
    }
}
