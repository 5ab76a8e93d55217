package dev.arca.pki.store;

import dev.arca.core.api.VaultException;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.KeySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One mount's CA state as read at one moment: issuers in creation order, keys, and settings documents
 * ({@code urls}, {@code crl}, {@code issuers}, {@code keys}, {@code cluster}). Immutable but for the
 * signers it builds on first use.
 */
public final class MountState {

    public static final String DEFAULT = "default";
    public static final String ISSUERS = "config/issuers";
    public static final String KEYS = "config/keys";
    public static final String URLS = "config/urls";
    public static final String CRL = "config/crl";

    private final Map<String, Issuer> issuers;
    private final Map<String, IssuerKey> keys;
    private final Map<String, ObjectNode> configs;
    private final Map<String, Certificates.Signer> signers = new ConcurrentHashMap<>();

    MountState(List<Issuer> issuers, List<IssuerKey> keys, Map<String, ObjectNode> configs) {
        this.issuers = new LinkedHashMap<>();
        issuers.forEach(i -> this.issuers.put(i.id(), i));
        this.keys = new LinkedHashMap<>();
        keys.forEach(k -> this.keys.put(k.id(), k));
        this.configs = Map.copyOf(configs);
    }

    public List<Issuer> issuers() {
        return List.copyOf(issuers.values());
    }

    public List<IssuerKey> keys() {
        return List.copyOf(keys.values());
    }

    /** A settings document, empty when never written. */
    public ObjectNode config(String name) {
        ObjectNode n = configs.get(name);
        return n == null ? JsonNodeFactory.instance.objectNode() : n.deepCopy();
    }

    public @Nullable String defaultIssuerId() {
        String id = configs.containsKey(ISSUERS) ? configs.get(ISSUERS).path(DEFAULT).asString("") : "";
        return id.isEmpty() ? null : id;
    }

    public @Nullable String defaultKeyId() {
        String id = configs.containsKey(KEYS) ? configs.get(KEYS).path(DEFAULT).asString("") : "";
        return id.isEmpty() ? null : id;
    }

    /** An issuer by {@code default}, id or name. */
    public Optional<Issuer> issuer(String ref) {
        String id = DEFAULT.equals(ref) || ref.isEmpty() ? defaultIssuerId() : ref;
        if (id == null) {
            return Optional.empty();
        }
        Issuer byId = issuers.get(id);
        if (byId != null) {
            return Optional.of(byId);
        }
        return issuers.values().stream().filter(i -> i.name().equals(id)).findFirst();
    }

    public Issuer requireIssuer(String ref) {
        return issuer(ref).orElseThrow(() -> DEFAULT.equals(ref) || ref.isEmpty()
                ? VaultException.badRequest("no default issuer currently configured")
                : VaultException.badRequest("unable to find PKI issuer for reference: " + ref));
    }

    /** A key by {@code default}, id or name. */
    public Optional<IssuerKey> key(String ref) {
        String id = DEFAULT.equals(ref) || ref.isEmpty() ? defaultKeyId() : ref;
        if (id == null) {
            return Optional.empty();
        }
        IssuerKey byId = keys.get(id);
        if (byId != null) {
            return Optional.of(byId);
        }
        return keys.values().stream().filter(k -> k.name().equals(id)).findFirst();
    }

    public IssuerKey requireKey(String ref) {
        return key(ref).orElseThrow(() -> VaultException.badRequest("unable to find PKI key for reference: " + ref));
    }

    public @Nullable IssuerKey keyOf(Issuer issuer) {
        return issuer.keyId() == null ? null : keys.get(issuer.keyId());
    }

    /** Whether a name is taken by another issuer ({@code exceptId}) or key. */
    public boolean issuerNameTaken(String name, @Nullable String exceptId) {
        return !name.isEmpty() && issuers.values().stream().anyMatch(i -> i.name().equals(name) && !i.id().equals(exceptId));
    }

    public boolean keyNameTaken(String name, @Nullable String exceptId) {
        return !name.isEmpty() && keys.values().stream().anyMatch(k -> k.name().equals(name) && !k.id().equals(exceptId));
    }

    /** The signer of an issuer with its key's default algorithm, built once per state. */
    public Certificates.Signer signer(Issuer issuer) {
        return signer(issuer, 0, false);
    }

    /** The signer of an issuer; {@code signatureBits} and {@code pss} only change RSA signatures. */
    public Certificates.Signer signer(Issuer issuer, long signatureBits, boolean pss) {
        return signers.computeIfAbsent(issuer.id() + "/" + signatureBits + "/" + pss, k -> {
            IssuerKey key = keyOf(issuer);
            if (key == null) {
                throw VaultException.badRequest("issuer " + issuer.id() + " has no key to sign with");
            }
            String alg = KeySpec.of(key.pair().getPublic()).signatureAlgorithm(signatureBits, pss);
            return new Certificates.Signer(issuer.certificate(), key.pair().getPrivate(), key.pair().getPublic(), alg);
        });
    }
}
