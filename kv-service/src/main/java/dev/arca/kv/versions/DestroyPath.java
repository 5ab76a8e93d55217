package dev.arca.kv.versions;

import dev.arca.core.backend.PathFamily;
import org.springframework.stereotype.Component;

/** {@code <mount>/destroy/<path>}: permanently removes the data of the given versions. */
@Component
public class DestroyPath {

    private final VersionAction action;

    DestroyPath(VersionAction action) {
        this.action = action;
    }

    public PathFamily family() {
        return action.family("destroy", (versions, mount, path, v, now) -> {
            if (!v.destroyed()) {
                versions.destroy(mount, path, v.version());
            }
        }, "Permanently remove the data of the given versions of a secret.");
    }
}
