package dev.arca.database.config;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code reset/<name>}: closes the connection's pool on every replica; the next use reopens it from the stored settings. */
@Component
public class ResetPath {

    private final ConfigStore store;
    private final Connections connections;
    private final TransactionTemplate tx;

    public ResetPath(ConfigStore store, Connections connections, TransactionTemplate tx) {
        this.store = store;
        this.connections = connections;
        this.tx = tx;
    }

    public PathFamily family() {
        return PathFamily.of("reset/{name}")
                .field(Field.path("name", "Name of the connection."))
                .write(r -> {
                    String mount = r.mountAccessor();
                    String name = r.fields().string("name");
                    if (!store.exists(mount, name)) {
                        throw VaultException.badRequest("failed to find entry for connection with name: \"" + name + "\"");
                    }
                    tx.executeWithoutResult(s -> connections.publishChange(mount, name));
                    connections.close(mount, name);
                    return BackendRequest.noContent();
                }, "Close and reopen the connection.")
                .help("Resets a connection: its pool is closed and reopened from the stored settings.", "")
                .build();
    }
}
