package dev.arca.gateway.seal;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.mount.MountStore;
import dev.arca.gateway.mount.MountTable;
import dev.arca.gateway.token.RootTokens;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start: with an auto-unseal seal, unseal with no operator; in dev mode, also initialise, create
 * the chosen root token and mount {@code secret/} as KV v2, like {@code vault server -dev}.
 */
@Component
public class StartupUnseal {

    private static final Logger log = LoggerFactory.getLogger(StartupUnseal.class);

    private final SealManager seal;
    private final GatewayProperties props;
    private final RootTokens rootTokens;
    private final MountStore mounts;
    private final MountTable table;
    private volatile @Nullable String devRootToken;

    public StartupUnseal(SealManager seal, GatewayProperties props, RootTokens rootTokens, MountStore mounts, MountTable table) {
        this.seal = seal;
        this.props = props;
        this.rootTokens = rootTokens;
        this.mounts = mounts;
        this.table = table;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (props.dev().enabled()) {
            if (seal.isInitialized()) {
                throw new IllegalStateException("dev mode needs an empty database, but this one is already initialised; "
                        + "use `arca server` for persistent data");
            }
            seal.init(1, 1, 1, 1, keyring -> "");
            devRootToken = rootTokens.create(props.dev().rootToken());
            mounts.insert(new Mount("secret/", "secret", "kv", "kv_" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(),
                    "key/value secret storage", Map.of("version", "2"), Mount.MountConfig.DEFAULT, false, false));
            table.changed();
            log.info("dev mode: initialised, unsealed, secret/ mounted as KV v2");
        } else if (seal.isInitialized() && !"shamir".equals(props.seal().type())) {
            try {
                seal.autoUnseal();
                log.info("unsealed with the {} seal", props.seal().type());
            } catch (VaultException e) {
                log.error("auto-unseal failed: {}", e.errors());
            }
        }
    }

    /** The root token dev mode created, for the launcher to print. */
    public @Nullable String devRootToken() {
        return devRootToken;
    }
}
