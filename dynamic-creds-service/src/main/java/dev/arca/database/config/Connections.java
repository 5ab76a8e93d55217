package dev.arca.database.config;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.events.Invalidations;
import dev.arca.database.engine.DatabaseProperties;
import dev.arca.database.plugin.ConnectionSettings;
import dev.arca.database.plugin.DatabasePlugin;
import dev.arca.database.plugin.Plugins;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The open plugin (and so the pool) of each connection, made at first use and kept until the
 * connection changes (invalidation {@code database-config:<mount>/<name>}, published in the writing
 * transaction, so every replica reopens), is reset, or the barrier seals (the pool holds the root password).
 */
@Component
public class Connections implements DisposableBean {

    private static final String KIND = "database-config";

    /** A connection's stored settings and its open plugin. */
    public record Open(String name, DbConfig config, DatabasePlugin plugin) {
    }

    private final ConfigStore store;
    private final Plugins plugins;
    private final Invalidations invalidations;
    private final DatabaseProperties props;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    public Connections(ConfigStore store, Plugins plugins, Barrier barrier, Invalidations invalidations, DatabaseProperties props) {
        this.store = store;
        this.plugins = plugins;
        this.invalidations = invalidations;
        this.props = props;
        invalidations.subscribe(this::invalidated);
        // the pools hold the admin password: none outlives the keyring it was decrypted with
        barrier.onKeyringGone(this::closeAll);
    }

    /** The connection's open plugin; 400 when the mount has no such connection. */
    public Open get(String mount, String name) {
        String id = id(mount, name);
        Open o = open.get(id);
        if (o != null) {
            return o;
        }
        synchronized (this) {
            o = open.get(id);
            if (o == null) {
                DbConfig config = store.find(mount, name)
                        .orElseThrow(() -> VaultException.badRequest("failed to find entry for connection with name: \"" + name + "\""));
                o = new Open(name, config, start(name, config, false));
                open.put(id, o);
            }
            return o;
        }
    }

    /** A plugin for the settings, initialized (and with {@code verify}, proven to connect); the caller closes it. */
    public DatabasePlugin start(String name, DbConfig config, boolean verify) {
        DatabasePlugin plugin = plugins.create(config.pluginName());
        plugin.initialize(new ConnectionSettings(name, config.connectionUrl(), config.username(), config.password(),
                config.maxOpenConnections(), config.maxIdleConnections(), Duration.ofSeconds(config.maxConnectionLifetime()),
                props.connectTimeout(), String.valueOf(config.passwordAuthentication())), verify);
        return plugin;
    }

    /** Tells every replica the connection changed; call inside the writing transaction. */
    public void publishChange(String mount, String name) {
        invalidations.publish(KIND, id(mount, name));
    }

    /** Closes this replica's pool of the connection; the next use reopens it from storage. */
    public void close(String mount, String name) {
        Open o = open.remove(id(mount, name));
        if (o != null) {
            o.plugin().close();
        }
    }

    public void closeMount(String mount) {
        open.keySet().stream().filter(k -> k.startsWith(mount + "/")).toList()
                .forEach(k -> close(mount, k.substring(mount.length() + 1)));
    }

    private void invalidated(String message) {
        if (Invalidations.RESET.equals(message)) {
            closeAll();
        } else if (message.startsWith(KIND + ":")) {
            String id = message.substring(KIND.length() + 1);
            Open o = open.remove(id);
            if (o != null) {
                o.plugin().close();
            }
        }
    }

    private synchronized void closeAll() {
        open.values().forEach(o -> o.plugin().close());
        open.clear();
    }

    private static String id(String mount, String name) {
        return mount + "/" + name;
    }

    @Override
    public void destroy() {
        closeAll();
    }
}
