package dev.arca.kv.versions;

import dev.arca.core.backend.PathFamily;
import org.springframework.stereotype.Component;

/** {@code <mount>/undelete/<path>}: clears the deletion time of the given versions unless destroyed. */
@Component
public class UndeletePath {

    private final VersionAction action;

    UndeletePath(VersionAction action) {
        this.action = action;
    }

    public PathFamily family() {
        return action.family("undelete", (versions, mount, path, v, now) -> {
            if (!v.destroyed() && v.deletionTime() != null) {
                versions.setDeletionTime(mount, path, v.version(), null);
            }
        }, "Restore soft-deleted versions of a secret.");
    }
}
