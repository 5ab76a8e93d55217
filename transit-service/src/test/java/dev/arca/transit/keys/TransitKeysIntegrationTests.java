package dev.arca.transit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.transit.TransitIntegrationTestSupport;
import dev.arca.transit.TransitMount;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import dev.arca.transit.store.AutoRotation;
import dev.arca.transit.store.KeyStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** keys/: create, read in Vault's shape, list, config, rotate, trim and delete. */
class TransitKeysIntegrationTests extends TransitIntegrationTestSupport {

    @Autowired
    private KeyStore keyStore;

    @Autowired
    private dev.arca.core.events.Invalidations invalidations;

    private static final String PLAIN = TransitMount.b64("attack at dawn".getBytes(StandardCharsets.UTF_8));

    @Test
    void createReadListAndDeleteOnlyWhenAllowed() {
        TransitMount m = mount();
        assertThat(m.call("GET", "keys/app", null).status()).isEqualTo(404);
        assertThat(m.call("LIST", "keys", null).status()).as("no keys yet").isEqualTo(404);

        JsonNode created = m.postOk("keys/app", Map.of());
        assertThat(created.path("type").asString()).isEqualTo("aes256-gcm96");
        m.postOk("keys/sig", Map.of("type", "ecdsa-p256"));

        JsonNode read = m.data("GET", "keys/app", null);
        assertThat(read.path("name").asString()).isEqualTo("app");
        assertThat(read.path("latest_version").asInt()).isEqualTo(1);
        assertThat(read.path("min_decryption_version").asInt()).isEqualTo(1);
        assertThat(read.path("min_encryption_version").asInt()).isZero();
        assertThat(read.path("keys").path("1").isNumber()).as("symmetric versions show their creation time").isTrue();
        assertThat(read.path("supports_encryption").asBoolean()).isTrue();
        assertThat(read.path("supports_signing").asBoolean()).isFalse();
        assertThat(read.path("deletion_allowed").asBoolean()).isFalse();

        JsonNode sig = m.data("GET", "keys/sig", null);
        assertThat(sig.path("keys").path("1").path("public_key").asString()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(sig.path("keys").path("1").path("name").asString()).isEqualTo("P-256");
        assertThat(sig.path("supports_signing").asBoolean()).isTrue();
        assertThat(sig.path("supports_encryption").asBoolean()).isFalse();

        assertThat(m.data("LIST", "keys", null).path("keys").toString()).isEqualTo("[\"app\",\"sig\"]");

        assertThat(m.error(400, "DELETE", "keys/app", null)).isEqualTo("deletion is not allowed for this key");
        m.postOk("keys/app/config", Map.of("deletion_allowed", true));
        assertThat(m.call("DELETE", "keys/app", null).status()).isEqualTo(204);
        assertThat(m.call("GET", "keys/app", null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsVaultsFourHundred() {
        TransitMount m = mount();
        assertThat(m.error(400, "POST", "keys/x", Map.of("type", "aes512"))).contains("unknown key type");
        assertThat(m.error(400, "POST", "keys/x", Map.of("convergent_encryption", true))).contains("requires derivation");
        assertThat(m.error(400, "POST", "keys/x", Map.of("type", "rsa-2048", "derived", true))).contains("not supported");
        assertThat(m.error(400, "POST", "keys/x", Map.of("type", "hmac", "key_size", 9999))).contains("key_size");
        assertThat(m.error(400, "POST", "keys/x", Map.of("auto_rotate_period", "10m"))).contains("at least an hour");
        m.postOk("keys/x", Map.of());
        assertThat(m.error(400, "POST", "keys/x/config", Map.of("min_decryption_version", 2147483648L))).contains("min_decryption_version");
        assertThat(m.error(400, "POST", "keys/x/config", Map.of("min_decryption_version", 5))).contains("latest key version is 1");
        assertThat(m.error(400, "POST", "encrypt/x", Map.of("plaintext", PLAIN, "key_version", -1))).contains("key_version");
        assertThat(m.error(400, "POST", "encrypt/x", Map.of("plaintext", "not base64!"))).isEqualTo("failed to base64-decode plaintext");
        assertThat(m.error(400, "POST", "decrypt/x", Map.of("ciphertext", "nope"))).isEqualTo("invalid ciphertext: no prefix");
        assertThat(m.error(400, "POST", "decrypt/missing", Map.of("ciphertext", "vault:v1:AAAA"))).isEqualTo("encryption key not found");
    }

    @Test
    void rotationAndMinDecryptionVersion() {
        TransitMount m = mount();
        m.postOk("keys/r", Map.of());
        String v1 = m.postOk("encrypt/r", Map.of("plaintext", PLAIN)).path("ciphertext").asString();
        assertThat(v1).startsWith("vault:v1:");

        JsonNode rotated = m.postOk("keys/r/rotate", Map.of());
        assertThat(rotated.path("latest_version").asInt()).isEqualTo(2);
        m.postOk("keys/r/rotate", Map.of());
        String v3 = m.postOk("encrypt/r", Map.of("plaintext", PLAIN)).path("ciphertext").asString();
        assertThat(v3).startsWith("vault:v3:");
        String pinned = m.postOk("encrypt/r", Map.of("plaintext", PLAIN, "key_version", 2)).path("ciphertext").asString();
        assertThat(pinned).startsWith("vault:v2:");
        assertThat(m.postOk("decrypt/r", Map.of("ciphertext", v1)).path("plaintext").asString()).isEqualTo(PLAIN);

        m.postOk("keys/r/config", Map.of("min_decryption_version", 2));
        assertThat(m.error(400, "POST", "decrypt/r", Map.of("ciphertext", v1)))
                .isEqualTo("ciphertext or signature version is disallowed by policy (too old)");
        assertThat(m.postOk("decrypt/r", Map.of("ciphertext", pinned)).path("plaintext").asString()).isEqualTo(PLAIN);

        JsonNode rewrapped = m.postOk("rewrap/r", Map.of("ciphertext", pinned));
        assertThat(rewrapped.path("ciphertext").asString()).startsWith("vault:v3:");
        assertThat(rewrapped.path("key_version").asInt()).isEqualTo(3);
        assertThat(m.postOk("decrypt/r", Map.of("ciphertext", rewrapped.path("ciphertext").asString())).path("plaintext").asString())
                .isEqualTo(PLAIN);

        m.postOk("keys/r/config", Map.of("min_encryption_version", 3));
        assertThat(m.error(400, "POST", "encrypt/r", Map.of("plaintext", PLAIN, "key_version", 2)))
                .contains("less than the minimum encryption key version");
        assertThat(m.error(400, "POST", "keys/r/config", Map.of("min_decryption_version", 4))).contains("latest key version is 3");
    }

    @Test
    void trimDeletesOldVersionsForGood() {
        TransitMount m = mount();
        m.postOk("keys/t", Map.of());
        m.postOk("keys/t/rotate", Map.of());
        m.postOk("keys/t/rotate", Map.of());
        assertThat(m.error(400, "POST", "keys/t/trim", Map.of("min_available_version", 2)))
                .isEqualTo("minimum available version should not be greater than minimum decryption version");
        m.postOk("keys/t/config", Map.of("min_decryption_version", 2));
        JsonNode trimmed = m.postOk("keys/t/trim", Map.of("min_available_version", 2));
        assertThat(trimmed.path("keys").propertyNames()).containsExactly("2", "3");
        assertThat(trimmed.path("min_available_version").asInt()).isEqualTo(2);
        assertThat(m.error(400, "POST", "keys/t/config", Map.of("min_decryption_version", 1)))
                .isEqualTo("min decryption version should not be less than min available version");
        assertThat(m.error(400, "POST", "keys/t/trim", Map.of())).contains("min_available_version");
    }

    @Autowired
    AutoRotation rotation;

    @Autowired
    JdbcClient jdbc;

    @Test
    void keysRotateThemselvesWhenTheirPeriodHasPassed() {
        TransitMount m = mount();
        m.postOk("keys/auto", Map.of("auto_rotate_period", "1h"));
        m.postOk("keys/manual", Map.of());
        assertThat(m.data("GET", "keys/auto", null).path("auto_rotate_period").asLong()).isEqualTo(3600);
        rotation.rotateDue();
        assertThat(m.data("GET", "keys/auto", null).path("latest_version").asInt()).as("not due yet").isEqualTo(1);

        jdbc.sql("UPDATE transit_key SET next_rotation = now() - interval '1 second' WHERE mount_accessor = ? AND name = 'auto'")
                .param(m.accessor()).update();
        assertThat(rotation.rotateDue()).isEqualTo(1);
        assertThat(m.data("GET", "keys/auto", null).path("latest_version").asInt()).isEqualTo(2);
        assertThat(m.data("GET", "keys/manual", null).path("latest_version").asInt()).isEqualTo(1);
        assertThat(rotation.rotateDue()).as("the next rotation is an hour after the new version").isZero();

        m.postOk("keys/auto/config", Map.of("auto_rotate_period", 0));
        assertThat(jdbc.sql("SELECT count(*) FROM transit_key WHERE mount_accessor = ? AND next_rotation IS NOT NULL")
                .param(m.accessor()).query(Long.class).single()).isZero();
    }

    @Test
    void exportableAndPlaintextBackupCannotBeUndone() {
        TransitMount m = mount();
        m.postOk("keys/e", Map.of("exportable", true, "allow_plaintext_backup", true));
        assertThat(m.error(400, "POST", "keys/e/config", Map.of("exportable", false))).contains("non-exportable");
        assertThat(m.error(400, "POST", "keys/e/config", Map.of("allow_plaintext_backup", false))).contains("cannot be disabled");
        m.postOk("keys/n", Map.of());
        assertThat(m.error(400, "GET", "export/encryption-key/n", null)).isEqualTo("private key material is not exportable");
        assertThat(m.error(400, "GET", "backup/n", null)).isEqualTo("exporting is disallowed on the policy");
        assertThat(m.call("GET", "cache-config", null).json().path("data").path("size").asInt()).isZero();
        assertThat(m.error(400, "POST", "cache-config", Map.of("size", 5))).contains("size must be 0");
        assertThat(m.postOk("cache-config", Map.of("size", 20)).path("size").asInt()).isEqualTo(20);
        assertThat(m.data("GET", "cache-config", null).path("size").asInt()).isEqualTo(20);
        assertThat(List.of(m.postOk("keys/n", Map.of()).path("name").asString())).as("writing an existing key keeps it").containsExactly("n");
    }

    @Test
    void theCacheHoldsAtMostItsConfiguredSizeOfAMountsKeysAndZeroIsUnbounded() {
        TransitMount m = mount();
        for (int i = 0; i < 12; i++) {
            m.postOk("keys/c" + i, Map.of());
        }
        // each change also reaches this replica as an invalidation; let those land before filling the cache
        delivered();
        encryptWith(m, 12);
        assertThat(keyStore.cached(m.accessor())).as("unbounded by default").isEqualTo(12);

        m.postOk("cache-config", Map.of("size", 10));
        delivered();
        assertThat(keyStore.cached(m.accessor())).as("a new size starts an empty cache").isZero();
        encryptWith(m, 12);
        assertThat(keyStore.cached(m.accessor())).isEqualTo(10);
        m.postOk("keys/extra", Map.of());
        delivered();
        m.postOk("encrypt/extra", Map.of("plaintext", PLAIN));
        assertThat(keyStore.cached(m.accessor())).as("still bounded").isEqualTo(10);
        String ct = m.postOk("encrypt/c0", Map.of("plaintext", PLAIN)).path("ciphertext").asString();
        assertThat(m.postOk("decrypt/c0", Map.of("ciphertext", ct)).path("plaintext").asString()).as("an evicted key is read again")
                .isEqualTo(PLAIN);

        TransitMount other = mount();
        other.postOk("keys/o", Map.of());
        delivered();
        other.postOk("encrypt/o", Map.of("plaintext", PLAIN));
        assertThat(keyStore.cached(other.accessor())).as("sizes are per mount").isEqualTo(1);

        m.postOk("cache-config", Map.of("size", 0));
        delivered();
        encryptWith(m, 12);
        assertThat(keyStore.cached(m.accessor())).isEqualTo(12);
    }

    private void encryptWith(TransitMount m, int keys) {
        for (int i = 0; i < keys; i++) {
            m.postOk("encrypt/c" + i, Map.of("plaintext", PLAIN));
        }
    }

    private void delivered() {
        assertThat(invalidations.awaitDelivered(java.time.Duration.ofSeconds(10))).isTrue();
    }
}
