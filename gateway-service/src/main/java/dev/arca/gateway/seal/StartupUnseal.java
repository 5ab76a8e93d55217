package dev.arca.gateway.seal;

import dev.arca.core.api.VaultException;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.mount.Mount;
import dev.arca.gateway.mount.MountService;
import dev.arca.gateway.token.RootTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start: with an auto-unseal seal, unseal with no operator; in dev mode, also initialise, create
 * the chosen root token and the mounts the launcher asks for, like {@code vault server -dev}. Built-in
 * mounts the backends declare (e.g. {@code auth/token/}) are made whenever they are missing.
 */
@Component
public class StartupUnseal {

    private static final Logger log = LoggerFactory.getLogger(StartupUnseal.class);

    private final SealManager seal;
    private final GatewayProperties props;
    private final RootTokens rootTokens;
    private final MountService mounts;
    private volatile @Nullable String devRootToken;

    public StartupUnseal(SealManager seal, GatewayProperties props, RootTokens rootTokens, MountService mounts) {
        this.seal = seal;
        this.props = props;
        this.rootTokens = rootTokens;
        this.mounts = mounts;
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
            mounts.ensureBuiltins();
            for (GatewayProperties.DevMount m : props.dev().mounts()) {
                boolean auth = m.path().startsWith("auth/");
                mounts.enable(new MountService.Request(m.path(), auth, m.type(), "", m.options(), Mount.MountConfig.DEFAULT, false, false));
                log.info("dev mode: {} mounted at {}", m.type(), m.path());
            }
            log.info("dev mode: initialised and unsealed");
        } else if (seal.isInitialized() && !"shamir".equals(props.seal().type())) {
            try {
                seal.autoUnseal();
                mounts.ensureBuiltins();
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
