package dev.arca.kv.versions;

import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.PathHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code <mount>/undelete/<path>}: clears the deletion time of the given versions unless destroyed. */
@Component
public class UndeletePath implements PathHandler {

    private final VersionAction action;

    UndeletePath(VersionAction action) {
        this.action = action;
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        return action.run(request, (versions, mount, path, v, now) -> {
            if (!v.destroyed() && v.deletionTime() != null) {
                versions.setDeletionTime(mount, path, v.version(), null);
            }
        });
    }
}
