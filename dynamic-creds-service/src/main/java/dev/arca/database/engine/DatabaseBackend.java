package dev.arca.database.engine;

import dev.arca.core.backend.Backend;
import dev.arca.core.backend.PathFamily;
import dev.arca.database.config.ConfigPath;
import dev.arca.database.config.ConfigStore;
import dev.arca.database.config.Connections;
import dev.arca.database.config.ResetPath;
import dev.arca.database.config.RotateRootPath;
import dev.arca.database.creds.CredsPath;
import dev.arca.database.creds.DynamicUsers;
import dev.arca.database.roles.RolePath;
import dev.arca.database.statics.StaticRolePath;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code database} backend: Vault's {@code database/} paths. Its leased users are the {@code creds}
 * secret type; disabling a mount revokes its leases (the dispatcher does that first), then closes its
 * pools and deletes what it stored.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseBackend {

    @Bean
    Backend database(ConfigPath config, ResetPath reset, RotateRootPath rotateRoot, RolePath roles, CredsPath creds,
            StaticRolePath statics, DynamicUsers users, Connections connections, ConfigStore store) {
        List<PathFamily> families = new ArrayList<>(List.of(config.listFamily(), config.family(), reset.family(), rotateRoot.family(),
                roles.listFamily(), roles.family(), creds.family()));
        families.addAll(statics.families());
        return Backend.builder("database", Backend.Kind.SECRET)
                .description("database users that exist only for their lease")
                .paths(families)
                .secret(users.secretType())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        connections.closeMount(mount.accessor());
                        store.deleteMount(mount.accessor());
                    }
                })
                .build();
    }
}
