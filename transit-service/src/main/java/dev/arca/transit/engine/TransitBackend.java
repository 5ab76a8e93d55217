package dev.arca.transit.engine;

import dev.arca.core.backend.Backend;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.cache.CacheConfigPath;
import dev.arca.transit.crypt.DatakeyPath;
import dev.arca.transit.crypt.DecryptPath;
import dev.arca.transit.crypt.EncryptPath;
import dev.arca.transit.crypt.RewrapPath;
import dev.arca.transit.export.BackupPath;
import dev.arca.transit.export.ExportPath;
import dev.arca.transit.export.RestorePath;
import dev.arca.transit.keys.KeyConfigPath;
import dev.arca.transit.keys.KeysPath;
import dev.arca.transit.keys.RotatePath;
import dev.arca.transit.keys.TrimPath;
import dev.arca.transit.sign.HmacPath;
import dev.arca.transit.sign.SignPath;
import dev.arca.transit.sign.VerifyPath;
import dev.arca.transit.store.KeyStore;
import dev.arca.transit.util.HashPath;
import dev.arca.transit.util.RandomPath;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code transit} backend: Vault's encryption-as-a-service paths; disabling a mount deletes its keys. */
@Configuration(proxyBeanMethods = false)
public class TransitBackend {

    @Bean
    Backend transit(KeysPath keys, KeyConfigPath config, RotatePath rotate, TrimPath trim, EncryptPath encrypt, DecryptPath decrypt,
            RewrapPath rewrap, DatakeyPath datakey, SignPath sign, VerifyPath verify, HmacPath hmac, HashPath hash, RandomPath random,
            ExportPath export, BackupPath backup, RestorePath restore, CacheConfigPath cacheConfig, KeyStore store) {
        List<PathFamily> families = new ArrayList<>(List.of(keys.listFamily(), config.family(), rotate.family(), trim.family(),
                keys.family(), encrypt.family(), decrypt.family(), rewrap.family(), datakey.family()));
        families.addAll(sign.families());
        families.addAll(verify.families());
        families.addAll(hmac.families());
        families.addAll(hash.families());
        families.addAll(random.families());
        families.addAll(export.families());
        families.add(backup.family());
        families.addAll(restore.families());
        families.add(cacheConfig.family());
        return Backend.builder("transit", Backend.Kind.SECRET)
                .description("encryption, signing and hashing as a service")
                .paths(families)
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        store.deleteMount(mount.accessor());
                    }
                })
                .build();
    }
}
