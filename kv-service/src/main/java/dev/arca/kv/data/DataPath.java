package dev.arca.kv.data;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.Timestamps;
import dev.arca.kv.data.VersionReader.Found;
import dev.arca.kv.store.MetadataRepository;
import dev.arca.kv.store.MountConfig;
import dev.arca.kv.store.MountConfigRepository;
import dev.arca.kv.store.SecretMetadata;
import dev.arca.kv.store.VersionRepository;
import dev.arca.kv.store.VersionWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/** {@code <mount>/data/<path>}: read a version, write a new one, merge-patch the latest, soft-delete the latest. */
@Component
public class DataPath {

    private final VersionReader reader;
    private final VersionWriter writer;
    private final MetadataRepository metadata;
    private final VersionRepository versions;
    private final MountConfigRepository configs;
    private final TransactionTemplate tx;

    public DataPath(VersionReader reader, VersionWriter writer, MetadataRepository metadata, VersionRepository versions,
            MountConfigRepository configs, TransactionTemplate tx) {
        this.reader = reader;
        this.writer = writer;
        this.metadata = metadata;
        this.versions = versions;
        this.configs = configs;
        this.tx = tx;
    }

    public PathFamily family() {
        return PathFamily.of("data/{path*}")
                .field(Field.path("path", "Location of the secret."))
                .field(Field.of("version", FieldType.INT, "The version to read; 0 or absent for the latest.").range(0, Integer.MAX_VALUE))
                .field(Field.of("data", FieldType.MAP, "The contents of the secret."))
                .field(Field.of("options", FieldType.MAP, "Options for writing the secret, e.g. {\"cas\": 1} for check-and-set."))
                .read(this::read, "Read a version of the secret.")
                .write(this::createOrUpdate, "Write a new version of the secret.")
                .patch(this::patch, "Merge a JSON patch into the latest version as a new version.")
                .delete(this::delete, "Soft-delete the latest version.")
                .existenceCheck(r -> metadata.find(r.mountAccessor(), r.fields().string("path")).isPresent())
                .when("version", "2")
                .help("Write, patch, read and delete secrets.", """
                        A secret's versions are kept under its path; a read without a version returns the latest.
                        A write with options.cas succeeds only when cas equals the current version (0: the secret must not exist).""")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        Integer version = request.fields().integer("version");
        Found found = reader.find(request.mountAccessor(), KvResponses.requiredKey(request), version == null ? 0 : version)
                .orElseThrow(VaultException::notFound);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        if (!found.version().isLive(Timestamps.now())) {
            // Vault answers 404 but still shows the version's metadata, so clients can tell deleted from missing.
            data.put("data", null);
            data.put("metadata", reader.view(found));
            return KvResponses.withStatus(404, request.envelope(data));
        }
        data.put("data", reader.open(found));
        data.put("metadata", reader.view(found));
        return request.ok(data);
    }

    ResponseEntity<?> createOrUpdate(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        ObjectNode body = request.body();
        ObjectNode data = CheckAndSet.data(body);
        Integer cas = CheckAndSet.cas(body);
        return request.ok(write(request.mountAccessor(), key, cas, Optional.empty(), data));
    }

    ResponseEntity<?> patch(BackendRequest request) {
        request.requireMergePatch();
        String key = KvResponses.requiredKey(request);
        ObjectNode body = request.body();
        ObjectNode patch = CheckAndSet.data(body);
        Integer cas = CheckAndSet.cas(body);
        return request.ok(write(request.mountAccessor(), key, cas, Optional.of(patch), patch));
    }

    ResponseEntity<?> delete(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        String mount = request.mountAccessor();
        tx.executeWithoutResult(s -> metadata.lock(mount, key).ifPresent(m -> {
            Instant now = Timestamps.now();
            versions.find(mount, key, m.currentVersion())
                    .filter(v -> v.isLive(now))
                    .ifPresent(v -> versions.setDeletionTime(mount, key, v.version(), now));
        }));
        return BackendRequest.noContent();
    }

    /**
     * Writes a new version in one transaction under the key's lock: {@code patch} present means merge it
     * onto the live latest version (404 when there is none), else {@code data} is the new version.
     */
    private Map<String, @Nullable Object> write(String mount, String key, @Nullable Integer cas,
            Optional<ObjectNode> patch, ObjectNode data) {
        Map<String, @Nullable Object> result = tx.execute(s -> {
            Instant now = Timestamps.now();
            MountConfig config = configs.find(mount);
            SecretMetadata locked = patch.isPresent()
                    ? metadata.lock(mount, key).orElseThrow(VaultException::notFound)
                    : metadata.lockOrCreate(mount, key, now);
            ObjectNode next = data;
            if (patch.isPresent()) {
                Found current = versions.find(mount, key, locked.currentVersion())
                        .filter(v -> v.isLive(now))
                        .map(v -> new Found(mount, locked, v))
                        .orElseThrow(VaultException::notFound);
                CheckAndSet.verify(locked, config, cas);
                next = MergePatch.apply(reader.open(current), patch.get());
            } else {
                CheckAndSet.verify(locked, config, cas);
            }
            VersionWriter.Appended a = writer.append(mount, locked, config, next, now);
            return VersionView.of(a.version(), reader.customMetadata(mount, a.metadata()));
        });
        if (result == null) {
            throw new IllegalStateException("write transaction returned nothing");
        }
        return result;
    }
}
