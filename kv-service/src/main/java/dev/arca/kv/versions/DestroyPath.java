package dev.arca.kv.versions;

import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.PathHandler;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code <mount>/destroy/<path>}: permanently removes the data of the given versions. */
@Component
public class DestroyPath implements PathHandler {

    private final VersionAction action;

    DestroyPath(VersionAction action) {
        this.action = action;
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        return action.run(request, (versions, mount, path, v, now) -> {
            if (!v.destroyed()) {
                versions.destroy(mount, path, v.version());
            }
        });
    }
}
