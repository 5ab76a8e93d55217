package dev.arca.kv.data;

import dev.arca.kv.store.SecretCipher;
import dev.arca.kv.store.SecretMetadata;
import dev.arca.kv.store.SecretVersion;
import dev.arca.kv.store.VersionRepository;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/** Finds one version of a key (the current one for version 0) and opens what it holds. */
@Component
public class VersionReader {

    private final VersionRepository versions;
    private final SecretCipher cipher;

    public VersionReader(VersionRepository versions, SecretCipher cipher) {
        this.versions = versions;
        this.cipher = cipher;
    }

    /** A version found with its key's metadata. */
    public record Found(String mount, SecretMetadata key, SecretVersion version) {
    }

    public Optional<Found> find(String mount, String path, int version) {
        return versions.findWithKey(mount, path, version).flatMap(kv -> {
            SecretVersion v = kv.version();
            int wanted = version == 0 ? kv.key().currentVersion() : version;
            return wanted == 0 || v == null ? Optional.empty() : Optional.of(new Found(mount, kv.key(), v));
        });
    }

    public ObjectNode open(Found f) {
        byte[] sealed = f.version().data();
        if (sealed == null) {
            throw new IllegalStateException("version has no data");
        }
        return cipher.openVersion(f.mount(), f.key().path(), f.version().version(), sealed);
    }

    public @Nullable ObjectNode customMetadata(String mount, SecretMetadata m) {
        byte[] sealed = m.customMetadata();
        return sealed == null ? null : cipher.openCustomMetadata(mount, m.path(), sealed);
    }

    /** The version's metadata block, with the key's custom metadata. */
    public Map<String, @Nullable Object> view(Found f) {
        return VersionView.of(f.version(), customMetadata(f.mount(), f.key()));
    }
}
