package dev.arca.transit.key;

import dev.arca.core.api.VaultException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key policy in the JSON of Vault's keysutil ({@code Policy}, {@code KeyEntry}, Go's
 * {@code rsa.PrivateKey}), so stored policies and backups are the shape Vault writes and a Vault
 * backup restores here.
 */
public final class PolicyCodec {

    private static final long NANOS = 1_000_000_000L;

    private final JsonMapper json;

    public PolicyCodec(JsonMapper json) {
        this.json = json;
    }

    public ObjectNode write(KeyPolicy p) {
        ObjectNode o = json.createObjectNode();
        o.put("name", p.name);
        ObjectNode keys = o.putObject("keys");
        p.versions.forEach((n, v) -> keys.set(Integer.toString(n), entry(v)));
        o.put("derived", p.derived);
        o.put("kdf", p.kdf);
        o.put("convergent_encryption", p.convergent);
        o.put("convergent_version", p.convergentVersion);
        o.put("exportable", p.exportable);
        o.put("min_decryption_version", p.minDecryptionVersion);
        o.put("min_encryption_version", p.minEncryptionVersion);
        o.put("latest_version", p.latestVersion);
        o.put("archive_version", p.latestVersion);
        o.put("archive_min_version", p.minAvailableVersion);
        o.put("min_available_version", p.minAvailableVersion);
        o.put("deletion_allowed", p.deletionAllowed);
        o.put("type", p.type.code());
        o.put("allow_plaintext_backup", p.allowPlaintextBackup);
        o.put("auto_rotate_period", p.autoRotatePeriodSeconds * NANOS);
        if (p.keySize > 0) {
            o.put("key_size", p.keySize);
        }
        return o;
    }

    private ObjectNode entry(KeyVersion v) {
        ObjectNode e = json.createObjectNode();
        if (v.key() != null) {
            e.put("key", Base64.getEncoder().encodeToString(v.key()));
        }
        e.put("hmac_key", Base64.getEncoder().encodeToString(v.hmacKey()));
        e.put("time", v.time().toString());
        e.put("creation_time", v.time().getEpochSecond());
        putBig(e, "ec_x", v.ecX());
        putBig(e, "ec_y", v.ecY());
        putBig(e, "ec_d", v.ecD());
        if (v.rsa() != null) {
            KeyVersion.RsaParts r = v.rsa();
            ObjectNode k = e.putObject("rsa_key");
            k.put("N", r.n());
            k.put("E", r.e().intValueExact());
            k.put("D", r.d());
            ArrayNode primes = k.putArray("Primes");
            primes.add(r.p());
            primes.add(r.q());
        }
        e.put("public_key", v.publicKey());
        return e;
    }

    private static void putBig(ObjectNode e, String name, @Nullable BigInteger value) {
        if (value != null) {
            e.put(name, value);
        }
    }

    public KeyPolicy read(JsonNode o) {
        if (!o.isObject() || !o.path("keys").isObject()) {
            throw VaultException.badRequest("invalid key policy: no keys");
        }
        KeyPolicy p = new KeyPolicy(o.path("name").asString(""), KeyType.ofCode(o.path("type").asInt(0)));
        p.keySize = o.path("key_size").asInt(0);
        for (Map.Entry<String, JsonNode> e : o.path("keys").properties()) {
            p.versions.put(Integer.parseInt(e.getKey()), entry(e.getValue()));
        }
        p.derived = o.path("derived").asBoolean(false);
        p.kdf = o.path("kdf").asInt(KeyPolicy.KDF_HKDF_SHA256);
        p.convergent = o.path("convergent_encryption").asBoolean(false);
        p.convergentVersion = o.path("convergent_version").asInt(0);
        if (p.convergent && p.convergentVersion == 0) {
            p.convergentVersion = 1;
        }
        p.exportable = o.path("exportable").asBoolean(false);
        p.minDecryptionVersion = Math.max(1, o.path("min_decryption_version").asInt(1));
        p.minEncryptionVersion = o.path("min_encryption_version").asInt(0);
        p.latestVersion = o.path("latest_version").asInt(p.versions.isEmpty() ? 0 : p.versions.lastKey());
        p.minAvailableVersion = o.path("min_available_version").asInt(0);
        p.deletionAllowed = o.path("deletion_allowed").asBoolean(false);
        p.allowPlaintextBackup = o.path("allow_plaintext_backup").asBoolean(false);
        p.autoRotatePeriodSeconds = o.path("auto_rotate_period").asLong(0) / NANOS;
        return p;
    }

    /** A version from its JSON; also used for the archived keys of a Vault backup. */
    public KeyVersion entry(JsonNode e) {
        byte[] key = e.hasNonNull("key") ? Base64.getDecoder().decode(e.get("key").asString()) : null;
        byte[] hmacKey = e.hasNonNull("hmac_key") ? Base64.getDecoder().decode(e.get("hmac_key").asString()) : new byte[0];
        Instant time;
        try {
            time = e.hasNonNull("time") ? Instant.parse(e.get("time").asString()) : Instant.ofEpochSecond(e.path("creation_time").asLong(0));
        } catch (DateTimeParseException bad) {
            time = Instant.ofEpochSecond(e.path("creation_time").asLong(0));
        }
        KeyVersion.RsaParts rsa = null;
        JsonNode r = e.get("rsa_key");
        if (r != null && r.isObject()) {
            JsonNode primes = r.path("Primes");
            rsa = new KeyVersion.RsaParts(big(r.get("N")), big(r.get("E")), big(r.get("D")), big(primes.get(0)), big(primes.get(1)));
        }
        return new KeyVersion(key, hmacKey, time, bigOrNull(e.get("ec_x")), bigOrNull(e.get("ec_y")), bigOrNull(e.get("ec_d")), rsa,
                e.path("public_key").asString(""));
    }

    private static @Nullable BigInteger bigOrNull(@Nullable JsonNode n) {
        return n == null || n.isNull() ? null : big(n);
    }

    private static BigInteger big(@Nullable JsonNode n) {
        if (n == null || n.isNull()) {
            throw VaultException.badRequest("invalid key policy: missing key part");
        }
        return n.isString() ? new BigInteger(n.asString()) : n.bigIntegerValue();
    }
}
