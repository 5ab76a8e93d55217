package dev.arca.gateway.seal;

import dev.arca.core.api.VaultException;
import dev.arca.core.barrier.Aead;
import dev.arca.core.barrier.Barrier;
import dev.arca.core.barrier.BarrierException;
import dev.arca.core.barrier.Keyring;
import dev.arca.core.seal.ShamirKeys;
import dev.arca.gateway.config.GatewayProperties;
import dev.arca.gateway.seal.SealStore.SealConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Init, unseal and seal of this gateway instance, Vault's semantics. The root key is random; the seal
 * protects it (Shamir: an unseal key split into shares; static: a configured key); the root key
 * encrypts the barrier keyring. While unsealed the keyring lives in the {@link Barrier} and is pushed
 * to every service by {@link SealFanout}.
 */
@Service
public class SealManager {

    private static final String ROOT_AAD = "gateway/seal_config/wrapped_root_key";
    private static final String KEYRING_AAD = "gateway/seal_config/keyring";

    private final SealStore store;
    private final Barrier barrier;
    private final SealFanout fanout;
    private final GatewayProperties props;
    private final JsonMapper json;

    private final Object lock = new Object();
    private final List<byte[]> shares = new ArrayList<>();
    private String nonce = "";
    private volatile byte @Nullable [] rootKey;
    private volatile @Nullable SealConfig cached;

    public SealManager(SealStore store, Barrier barrier, SealFanout fanout, GatewayProperties props, JsonMapper json) {
        this.store = store;
        this.barrier = barrier;
        this.fanout = fanout;
        this.props = props;
        this.json = json;
    }

    /** Vault's seal-status answer. */
    public record Status(String type, boolean initialized, boolean sealed, int threshold, int shares, int progress,
            String nonce, boolean recoverySeal) {
    }

    /** What init hands out once. */
    public record InitResult(List<byte[]> keys, List<byte[]> recoveryKeys, String rootToken) {
    }

    public Keyring.Term activeTerm() {
        return barrier.keyring().active();
    }

    public boolean isSealed() {
        return barrier.isSealed();
    }

    public Optional<SealConfig> config() {
        SealConfig c = cached;
        if (c == null) {
            Optional<SealConfig> loaded = store.load();
            loaded.ifPresent(v -> cached = v);
            return loaded;
        }
        return Optional.of(c);
    }

    public boolean isInitialized() {
        return config().isPresent();
    }

    public Status status() {
        Optional<SealConfig> c = config();
        String type = c.map(SealConfig::type).orElse(props.seal().type());
        boolean recovery = !"shamir".equals(type);
        synchronized (lock) {
            return new Status(type, c.isPresent(), barrier.isSealed(),
                    c.map(SealConfig::threshold).orElse(0), c.map(SealConfig::shares).orElse(0),
                    shares.size(), nonce, recovery);
        }
    }

    /**
     * Initialises storage: a root key, a keyring and the seal's protection of the root key. The
     * {@code rootTokenFactory} is called with the new keyring while the services hold it, to create the
     * root token; afterwards the platform is sealed again (Shamir) or stays unsealed (static seal).
     */
    @Transactional
    public InitResult init(int secretShares, int secretThreshold, int recoveryShares, int recoveryThreshold,
            Function<Keyring, String> rootTokenFactory) {
        if (isInitialized()) {
            throw VaultException.badRequest("Vault is already initialized");
        }
        boolean shamir = "shamir".equals(props.seal().type());
        byte[] root = Aead.randomKey();
        Keyring keyring = Keyring.generate();
        List<byte[]> keys;
        List<byte[]> recovery = List.of();
        byte[] wrapped;
        byte[] recoverySha = null;
        if (shamir) {
            ShamirKeys.validate(secretShares, secretThreshold);
            byte[] unsealKey = Aead.randomKey();
            keys = ShamirKeys.split(unsealKey, secretShares, secretThreshold);
            wrapped = Aead.seal(unsealKey, root, ROOT_AAD);
        } else {
            ShamirKeys.validate(recoveryShares, recoveryThreshold);
            byte[] recoveryKey = Aead.randomKey();
            recovery = ShamirKeys.split(recoveryKey, recoveryShares, recoveryThreshold);
            recoverySha = sha256(recoveryKey);
            keys = List.of();
            wrapped = Aead.seal(staticKey(), root, ROOT_AAD);
            secretShares = recoveryShares;
            secretThreshold = recoveryThreshold;
        }
        SealConfig c = new SealConfig(props.seal().type(), secretShares, secretThreshold, wrapped,
                Aead.seal(root, json.writeValueAsBytes(keyring.toMap()), KEYRING_AAD), recoverySha);
        if (!store.create(c)) {
            throw VaultException.badRequest("Vault is already initialized");
        }
        // The services hold the new keyring while the gateway is still sealed: no reconcile pass may see that.
        String rootToken = fanout.exclusively(() -> {
            String token;
            try {
                fanout.unsealAll(keyring);
                token = rootTokenFactory.apply(keyring);
            } finally {
                if (shamir) {
                    fanout.sealAll();
                }
            }
            // The transaction commits after return; a failure above rolls the seal row back.
            if (!shamir) {
                open(root, c);
            }
            return token;
        });
        return new InitResult(keys, recovery, rootToken);
    }

    /** Takes one unseal key share (hex or base64); unseals when the threshold is reached. */
    public Status submitShare(String key) {
        SealConfig c = config().orElseThrow(() -> VaultException.badRequest("Vault is not initialized"));
        if (!"shamir".equals(c.type())) {
            return unsealStatic(c, decodeKey(key));
        }
        byte[] share = decodeKey(key);
        synchronized (lock) {
            if (!barrier.isSealed()) {
                return status();
            }
            if (shares.isEmpty()) {
                nonce = UUID.randomUUID().toString();
            }
            for (byte[] s : shares) {
                if (MessageDigest.isEqual(s, share)) {
                    throw VaultException.badRequest("given key has already been provided during this generation operation");
                }
            }
            shares.add(share);
            if (shares.size() < c.threshold()) {
                return status();
            }
            try {
                byte[] unsealKey = ShamirKeys.combine(shares, c.shares(), c.threshold());
                open(Aead.open(unsealKey, c.wrappedRootKey(), 0, ROOT_AAD), c);
            } catch (BarrierException | IllegalArgumentException e) {
                throw VaultException.badRequest("Error unsealing: cipher: message authentication failed");
            } finally {
                resetProgress();
            }
        }
        return status();
    }

    /**
     * The static seal unseals itself at start; after {@code sys/seal} its own key unseals it again (dev
     * mode prints that key as its unseal key, as Vault's dev server does). Any other key is refused.
     */
    private Status unsealStatic(SealConfig c, byte[] key) {
        synchronized (lock) {
            if (barrier.isSealed()) {
                if (!MessageDigest.isEqual(key, staticKey())) {
                    throw VaultException.badRequest("Error unsealing: the key is not the " + c.type() + " seal's key");
                }
                open(Aead.open(staticKey(), c.wrappedRootKey(), 0, ROOT_AAD), c);
            }
            return status();
        }
    }

    public Status reset() {
        synchronized (lock) {
            resetProgress();
        }
        return status();
    }

    /** With a static seal, unseals at start with no operator. */
    public void autoUnseal() {
        Optional<SealConfig> c = config();
        if (c.isPresent() && !"shamir".equals(c.get().type()) && barrier.isSealed()) {
            open(Aead.open(staticKey(), c.get().wrappedRootKey(), 0, ROOT_AAD), c.get());
        }
    }

    public void seal() {
        synchronized (lock) {
            fanout.exclusively(() -> {
                resetProgress();
                rootKey = null;
                barrier.seal();
                fanout.sealAll();
                return null;
            });
        }
    }

    /** {@code sys/rotate}: a new keyring term becomes active; older terms keep decrypting. */
    @Transactional
    public Keyring rotate() {
        synchronized (lock) {
            byte[] root = rootKey;
            if (root == null) {
                throw VaultException.sealed();
            }
            Keyring next = barrier.keyring().rotate();
            byte[] sealedKeyring = Aead.seal(root, json.writeValueAsBytes(next.toMap()), KEYRING_AAD);
            store.updateKeyring(sealedKeyring);
            SealConfig c = config().orElseThrow();
            cached = new SealConfig(c.type(), c.shares(), c.threshold(), c.wrappedRootKey(), sealedKeyring, c.recoveryKeySha());
            return fanout.exclusively(() -> {
                barrier.unseal(next);
                fanout.unsealAll(next);
                return next;
            });
        }
    }

    private void open(byte[] root, SealConfig c) {
        cached = c;
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.readValue(Aead.open(root, c.keyring(), 0, KEYRING_AAD), Map.class);
        Keyring keyring = Keyring.fromMap(map);
        // The services first: the gateway lets calls through only once they can be served.
        fanout.exclusively(() -> {
            rootKey = root;
            fanout.unsealAll(keyring);
            barrier.unseal(keyring);
            return null;
        });
    }

    private void resetProgress() {
        shares.clear();
        nonce = "";
    }

    private byte[] staticKey() {
        String k = props.seal().staticKey();
        if (k == null || k.isBlank()) {
            throw new IllegalStateException("the static seal needs arca.seal.static-key (base64, 32 bytes)");
        }
        byte[] key = Base64.getDecoder().decode(k.trim());
        if (key.length != Aead.KEY_BYTES) {
            throw new IllegalStateException("arca.seal.static-key must decode to 32 bytes");
        }
        return key;
    }

    static byte[] decodeKey(String key) {
        String k = key.trim();
        try {
            if (k.matches("[0-9a-fA-F]+") && k.length() % 2 == 0) {
                return HexFormat.of().parseHex(k);
            }
            return Base64.getDecoder().decode(k);
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("'key' must be a valid hex or base64 string");
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
