package dev.arca.kv.versions;

import dev.arca.core.api.VaultException;
import dev.arca.kv.api.Inputs;
import dev.arca.kv.api.KvRequest;
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

    ResponseEntity<?> run(KvRequest request, Change change) {
        String key = request.requiredKey();
        List<Integer> wanted = Inputs.versions(request.body());
        if (wanted.isEmpty()) {
            throw VaultException.badRequest("no version number provided");
        }
        tx.executeWithoutResult(s -> metadata.lock(request.mount(), key).ifPresent(m -> {
            Instant now = Timestamps.now();
            for (int number : wanted) {
                versions.find(request.mount(), key, number)
                        .ifPresent(v -> change.apply(versions, request.mount(), key, v, now));
            }
        }));
        return KvResponses.noContent();
    }
}
