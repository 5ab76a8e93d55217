package dev.arca.transit.keys;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.store.KeyStore;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code keys/<name>/config}: version bounds, deletion, export and backup switches, auto-rotation. */
@Component
public class KeyConfigPath {

    private static final long HOUR = 3600;

    private final KeyStore keys;

    public KeyConfigPath(KeyStore keys) {
        this.keys = keys;
    }

    public PathFamily family() {
        return PathFamily.of("keys/{name}/config")
                .field(KeysPath.NAME)
                .field(Field.of("min_decryption_version", FieldType.INT, "Oldest version that may decrypt or verify.").range(0, Integer.MAX_VALUE))
                .field(Field.of("min_encryption_version", FieldType.INT, "Oldest version that may encrypt or sign; 0 means the latest.")
                        .range(0, Integer.MAX_VALUE))
                .field(Field.of("deletion_allowed", FieldType.BOOL, "Whether the key may be deleted."))
                .field(Field.of("exportable", FieldType.BOOL, "Allow export; cannot be undone."))
                .field(Field.of("allow_plaintext_backup", FieldType.BOOL, "Allow plaintext backups; cannot be undone."))
                .field(Field.of("auto_rotate_period", FieldType.DURATION, "Rotate this often; 0 disables; at least 1h."))
                .write(this::update, "Change a key's settings.")
                .help("Settings of a named key.", "")
                .build();
    }

    ResponseEntity<?> update(BackendRequest request) {
        FieldData f = request.fields();
        String name = f.string("name");
        keys.find(request.mountAccessor(), name).orElseThrow(() -> VaultException.badRequest("no such key"));
        KeyPolicy p = keys.update(request.mountAccessor(), name, k -> {
            Integer minDec = f.integer("min_decryption_version");
            if (minDec != null) {
                if (minDec > k.latestVersion) {
                    throw VaultException.badRequest("cannot set min decryption version of " + minDec + ", latest key version is " + k.latestVersion);
                }
                k.minDecryptionVersion = Math.max(1, minDec);
            }
            Integer minEnc = f.integer("min_encryption_version");
            if (minEnc != null) {
                if (minEnc > k.latestVersion) {
                    throw VaultException.badRequest("cannot set min encryption version of " + minEnc + ", latest key version is " + k.latestVersion);
                }
                k.minEncryptionVersion = minEnc;
            }
            if (k.minEncryptionVersion > 0 && k.minEncryptionVersion < k.minDecryptionVersion) {
                throw VaultException.badRequest("min encryption version should not be less than min decryption version");
            }
            if (k.minDecryptionVersion < k.minAvailableVersion) {
                throw VaultException.badRequest("min decryption version should not be less than min available version");
            }
            Boolean deletion = f.bool("deletion_allowed");
            if (deletion != null) {
                k.deletionAllowed = deletion;
            }
            Boolean exportable = f.bool("exportable");
            if (exportable != null) {
                if (k.exportable && !exportable) {
                    throw VaultException.badRequest("exportable key cannot be made non-exportable");
                }
                k.exportable = exportable;
            }
            Boolean backup = f.bool("allow_plaintext_backup");
            if (backup != null) {
                if (k.allowPlaintextBackup && !backup) {
                    throw VaultException.badRequest("plaintext backup cannot be disabled after enabled");
                }
                k.allowPlaintextBackup = backup;
            }
            Long period = f.duration("auto_rotate_period");
            if (period != null) {
                k.autoRotatePeriodSeconds = checkedPeriod(period);
            }
            return k;
        });
        return request.ok(KeyView.of(p));
    }

    static long checkedPeriod(long seconds) {
        if (seconds != 0 && seconds < HOUR) {
            throw VaultException.badRequest("auto rotate period must be 0 to disable or at least an hour");
        }
        return seconds;
    }
}
