package dev.arca.kv.versions;

import dev.arca.core.backend.PathFamily;
import org.springframework.stereotype.Component;

/** {@code <mount>/delete/<path>}: soft-deletes the given versions; undelete brings them back. */
@Component
public class DeletePath {

    private final VersionAction action;

    DeletePath(VersionAction action) {
        this.action = action;
    }

    public PathFamily family() {
        return action.family("delete", (versions, mount, path, v, now) -> {
            if (v.isLive(now)) {
                versions.setDeletionTime(mount, path, v.version(), now);
            }
        }, "Soft-delete the given versions of a secret.");
    }
}
