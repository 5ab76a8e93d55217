package dev.arca.kv.versions;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.Timestamps;
import dev.arca.kv.store.MetadataRepository;
import dev.arca.kv.store.SecretVersion;
import dev.arca.kv.store.VersionRepository;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a change to the versions listed in {@code {"versions":[...]}} under the key's lock. A
 * missing key or version is skipped, as Vault does; the answer is 204.
 */
@Component
class VersionAction {

    /** What to do to one existing version. */
    interface Change {
        void apply(VersionRepository versions, String mount, String path, SecretVersion v, Instant now);
    }

    private final MetadataRepository metadata;
    private final VersionRepository versions;
    private final TransactionTemplate tx;

    VersionAction(MetadataRepository metadata, VersionRepository versions, TransactionTemplate tx) {
        this.metadata = metadata;
        this.versions = versions;
        this.tx = tx;
    }

    /** A family at {@code <prefix>/<path>} whose write applies {@code change} to the listed versions. */
    PathFamily family(String prefix, Change change, String summary) {
        return PathFamily.of(prefix + "/{path*}")
                .field(Field.path("path", "Location of the secret."))
                .field(Field.of("versions", FieldType.COMMA_INT_SLICE, "The versions to change."))
                .write(r -> run(r, change), summary)
                .when("version", "2")
                .help(summary, "")
                .build();
    }

    ResponseEntity<?> run(BackendRequest request, Change change) {
        String key = KvResponses.requiredKey(request);
        String mount = request.mountAccessor();
        List<Integer> wanted = request.fields().ints("versions");
        if (wanted.isEmpty()) {
            throw VaultException.badRequest("no version number provided");
        }
        tx.executeWithoutResult(s -> metadata.lock(mount, key).ifPresent(m -> {
            Instant now = Timestamps.now();
            for (int number : wanted) {
                versions.find(mount, key, number).ifPresent(v -> change.apply(versions, mount, key, v, now));
            }
        }));
        return BackendRequest.noContent();
    }
}
