package dev.arca.kv.engine;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.config.ConfigPath;
import dev.arca.kv.data.DataPath;
import dev.arca.kv.metadata.MetadataPath;
import dev.arca.kv.store.MetadataRepository;
import dev.arca.kv.store.MountConfigRepository;
import dev.arca.kv.subkeys.SubkeysPath;
import dev.arca.kv.v1.V1Path;
import dev.arca.kv.v1.V1Repository;
import dev.arca.kv.versions.DeletePath;
import dev.arca.kv.versions.DestroyPath;
import dev.arca.kv.versions.UndeletePath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code kv} backend (alias {@code generic}; {@code kv-v2} is kv with version 2): version 1 is one
 * pass-through family, version 2 Vault's prefixes, anything else on a v2 mount Vault's "invalid path".
 */
@Configuration(proxyBeanMethods = false)
public class KvBackend {

    @Bean
    Backend kv(ConfigPath config, DataPath data, MetadataPath metadata, DeletePath delete, UndeletePath undelete,
            DestroyPath destroy, SubkeysPath subkeys, V1Path v1, MetadataRepository keys, MountConfigRepository configs,
            V1Repository v1Secrets, TransactionTemplate tx) {
        return Backend.builder("kv", Backend.Kind.SECRET)
                .description("key/value secret storage")
                .alias("generic", Map.of())
                .alias("kv-v2", Map.of("version", "2"))
                .paths(config.family(), data.family(), metadata.family(), delete.family(), undelete.family(),
                        destroy.family(), subkeys.family(), v1.family(), invalidV2Path())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public Map<String, String> enable(Backend.MountInfo mount) {
                        Map<String, String> options = new LinkedHashMap<>(mount.options());
                        options.put("version", version(options));
                        return options;
                    }

                    @Override
                    public Map<String, String> tune(Backend.MountInfo mount, Map<String, String> options) {
                        if (!version(options).equals(version(mount.options()))) {
                            throw VaultException.badRequest("changing the KV version of a mount is not supported");
                        }
                        return options;
                    }

                    @Override
                    public void disable(Backend.MountInfo mount) {
                        tx.executeWithoutResult(s -> {
                            keys.deleteMount(mount.accessor());
                            configs.deleteMount(mount.accessor());
                            v1Secrets.deleteMount(mount.accessor());
                        });
                    }
                })
                .build();
    }

    private static String version(Map<String, String> options) {
        String v = options.getOrDefault("version", "1");
        if (!v.equals("1") && !v.equals("2")) {
            throw VaultException.badRequest("invalid KV version: " + v);
        }
        return v;
    }

    /** A path on a v2 mount outside Vault's prefixes (e.g. {@code secret/foo}): 404 with Vault's hint. */
    private static PathFamily invalidV2Path() {
        return PathFamily.of("{path*}")
                .read(r -> invalid(r, "get"), "Invalid path")
                .write(r -> invalid(r, "put"), "Invalid path")
                .patch(r -> invalid(r, "patch"), "Invalid path")
                .delete(r -> invalid(r, "delete"), "Invalid path")
                .list(r -> invalid(r, "list"), "Invalid path")
                .when("version", "2")
                .help("Not a path of the versioned key/value store: use data/, metadata/ and the others.", "")
                .build();
    }

    private static ResponseEntity<?> invalid(BackendRequest request, String command) {
        String warning = "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API "
                + "endpoints to use. If using the Vault CLI, use 'vault kv " + command + "' for this operation.";
        return KvResponses.withStatus(404, request.envelope(null).withWarnings(List.of(warning)));
    }
}
