package dev.arca.kv.versions;

import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.PathHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code <mount>/delete/<path>}: soft-deletes the given versions; undelete brings them back. */
@Component
public class DeletePath implements PathHandler {

    private final VersionAction action;

    DeletePath(VersionAction action) {
        this.action = action;
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        return action.run(request, (versions, mount, path, v, now) -> {
            if (v.isLive(now)) {
                versions.setDeletionTime(mount, path, v.version(), now);
            }
        });
    }
}
