package dev.arca.database.plugin;

import dev.arca.core.api.VaultException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** The plugins by {@code plugin_name}: each call of {@link #create} is a new, uninitialized instance. */
@Component
public class Plugins {

    private final Map<String, Supplier<DatabasePlugin>> byName = new LinkedHashMap<>();

    public Plugins() {
        byName.put(PostgresPlugin.NAME, PostgresPlugin::new);
        for (MysqlPlugin.Flavour f : MysqlPlugin.Flavour.values()) {
            byName.put(f.pluginName(), () -> new MysqlPlugin(f));
        }
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    public DatabasePlugin create(String name) {
        Supplier<DatabasePlugin> s = byName.get(name);
        if (s == null) {
            throw VaultException.badRequest("unsupported plugin_name: " + name + "; supported: " + String.join(", ", byName.keySet()));
        }
        return s.get();
    }
}
