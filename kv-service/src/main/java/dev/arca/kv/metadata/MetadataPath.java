package dev.arca.kv.metadata;

import dev.arca.core.api.VaultException;
import dev.arca.kv.api.Inputs;
import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.PathHandler;
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
public class MetadataPath implements PathHandler {

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

    @Override
    public ResponseEntity<?> read(KvRequest request) {
        String key = request.requiredKey();
        SecretMetadata m = metadata.find(request.mount(), key).orElseThrow(VaultException::notFound);
        return KvResponses.ok(request, MetadataView.of(m, reader.customMetadata(request.mount(), m),
                versions.history(request.mount(), key)));
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        String key = request.requiredKey();
        Settings s = Settings.parse(request.body(), false);
        tx.executeWithoutResult(t -> {
            Instant now = Timestamps.now();
            SecretMetadata locked = metadata.lockOrCreate(request.mount(), key, now);
            ObjectNode custom = s.customMetadata();
            save(request.mount(), locked, s, custom, now);
        });
        return KvResponses.noContent();
    }

    @Override
    public ResponseEntity<?> patch(KvRequest request) {
        String key = request.requiredKey();
        request.requireMergePatch();
        Settings s = Settings.parse(request.body(), true);
        tx.executeWithoutResult(t -> {
            Instant now = Timestamps.now();
            SecretMetadata locked = metadata.lock(request.mount(), key).orElseThrow(VaultException::notFound);
            ObjectNode custom = s.customMetadata();
            if (custom != null) {
                ObjectNode existing = reader.customMetadata(request.mount(), locked);
                custom = MergePatch.apply(existing == null ? custom.objectNode() : existing, custom);
            }
            save(request.mount(), locked, s, custom, now);
        });
        return KvResponses.noContent();
    }

    @Override
    public ResponseEntity<?> delete(KvRequest request) {
        metadata.delete(request.mount(), request.requiredKey());
        return KvResponses.noContent();
    }

    @Override
    public ResponseEntity<?> list(KvRequest request) {
        return KvResponses.keys(request, metadata.listKeys(request.mount(), request.listPrefix()));
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

        static Settings parse(ObjectNode body, boolean patch) {
            Integer max = Inputs.integer(body, "max_versions");
            if (max != null && max < 0) {
                throw VaultException.badRequest("max_versions must not be negative");
            }
            JsonNode custom = body.get("custom_metadata");
            return new Settings(max, Inputs.bool(body, "cas_required"), Inputs.duration(body, "delete_version_after"),
                    custom == null || custom.isNull() ? null : CustomMetadata.parse(custom, patch));
        }
    }
}
