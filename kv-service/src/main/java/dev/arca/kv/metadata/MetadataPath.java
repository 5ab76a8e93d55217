package dev.arca.kv.metadata;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.Timestamps;
import dev.arca.kv.data.MergePatch;
import dev.arca.kv.data.VersionReader;
import dev.arca.kv.store.MetadataRepository;
import dev.arca.kv.store.MountConfigRepository;
import dev.arca.kv.store.SecretCipher;
import dev.arca.kv.store.SecretMetadata;
import dev.arca.kv.store.VersionRepository;
import dev.arca.kv.store.VersionWriter;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <mount>/metadata/<path>}: a key's settings and version history; write creates the key if
 * needed (fields left out keep their value), patch merges, delete removes every version, list walks keys.
 */
@Component
public class MetadataPath {

    private final MetadataRepository metadata;
    private final VersionRepository versions;
    private final MountConfigRepository configs;
    private final VersionReader reader;
    private final VersionWriter writer;
    private final SecretCipher cipher;
    private final TransactionTemplate tx;

    public MetadataPath(MetadataRepository metadata, VersionRepository versions, MountConfigRepository configs,
            VersionReader reader, VersionWriter writer, SecretCipher cipher, TransactionTemplate tx) {
        this.metadata = metadata;
        this.versions = versions;
        this.configs = configs;
        this.reader = reader;
        this.writer = writer;
        this.cipher = cipher;
        this.tx = tx;
    }

    public PathFamily family() {
        return PathFamily.of("metadata(?:/{path*})?")
                .field(Field.path("path", "Location of the secret."))
                .field(Field.of("max_versions", FieldType.INT, "Versions to keep; 0 uses the mount's setting.").range(0, Integer.MAX_VALUE))
                .field(Field.of("cas_required", FieldType.BOOL, "Whether writes must carry options.cas."))
                .field(Field.of("delete_version_after", FieldType.DURATION, "Soft-delete a version this long after it is written; 0 never."))
                .field(Field.of("custom_metadata", FieldType.MAP, "Up to 64 string pairs kept with the secret."))
                .read(this::read, "Read the secret's settings and version history.")
                .write(this::createOrUpdate, "Create or change the secret's settings.")
                .patch(this::patch, "Merge changes into the secret's settings.")
                .delete(this::delete, "Delete the secret with every version.")
                .list(this::list, "List the secrets under a folder.")
                .existenceCheck(r -> metadata.find(r.mountAccessor(), r.fields().string("path")).isPresent())
                .when("version", "2")
                .help("Configure and read a secret's settings and versions.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        String mount = request.mountAccessor();
        SecretMetadata m = metadata.find(mount, key).orElseThrow(VaultException::notFound);
        return request.ok(MetadataView.of(m, reader.customMetadata(mount, m), versions.history(mount, key)));
    }

    ResponseEntity<?> createOrUpdate(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        String mount = request.mountAccessor();
        Settings s = Settings.parse(request.fields(), false);
        tx.executeWithoutResult(t -> {
            Instant now = Timestamps.now();
            SecretMetadata locked = metadata.lockOrCreate(mount, key, now);
            save(mount, locked, s, s.customMetadata(), now);
        });
        return BackendRequest.noContent();
    }

    ResponseEntity<?> patch(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        String mount = request.mountAccessor();
        request.requireMergePatch();
        Settings s = Settings.parse(request.fields(), true);
        tx.executeWithoutResult(t -> {
            Instant now = Timestamps.now();
            SecretMetadata locked = metadata.lock(mount, key).orElseThrow(VaultException::notFound);
            ObjectNode custom = s.customMetadata();
            if (custom != null) {
                ObjectNode existing = reader.customMetadata(mount, locked);
                custom = MergePatch.apply(existing == null ? custom.objectNode() : existing, custom);
            }
            save(mount, locked, s, custom, now);
        });
        return BackendRequest.noContent();
    }

    ResponseEntity<?> delete(BackendRequest request) {
        metadata.delete(request.mountAccessor(), KvResponses.requiredKey(request));
        return BackendRequest.noContent();
    }

    ResponseEntity<?> list(BackendRequest request) {
        return request.keys(metadata.listKeys(request.mountAccessor(), KvResponses.listPrefix(request)));
    }

    private void save(String mount, SecretMetadata locked, Settings s, @Nullable ObjectNode custom, Instant now) {
        byte[] sealedCustom = locked.customMetadata();
        if (custom != null) {
            CustomMetadata.validate(custom);
            sealedCustom = custom.isEmpty() ? null : cipher.sealCustomMetadata(mount, locked.path(), custom);
        }
        SecretMetadata updated = locked.withSettings(
                s.maxVersions() == null ? locked.maxVersions() : s.maxVersions(),
                s.casRequired() == null ? locked.casRequired() : s.casRequired(),
                s.deleteVersionAfter() == null ? locked.deleteVersionAfter() : s.deleteVersionAfter(),
                sealedCustom, now);
        metadata.update(mount, writer.prune(mount, updated, configs.find(mount)));
    }


    /** The settable fields of a metadata write; null = not given. */
    private record Settings(@Nullable Integer maxVersions, @Nullable Boolean casRequired,
            @Nullable Long deleteVersionAfter, @Nullable ObjectNode customMetadata) {

        static Settings parse(FieldData fields, boolean patch) {
            JsonNode custom = fields.object("custom_metadata");
            return new Settings(fields.integer("max_versions"), fields.bool("cas_required"), fields.duration("delete_version_after"),
                    custom == null ? null : CustomMetadata.parse(custom, patch));
        }
    }
}
