package dev.arca.transit.crypt;

import static dev.arca.transit.TransitMount.b64;
import static dev.arca.transit.TransitMount.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.transit.Jdk;
import dev.arca.transit.TransitIntegrationTestSupport;
import dev.arca.transit.TransitMount;
import dev.arca.transit.store.KeyStore;
import dev.arca.test.TestHttp;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Known-answer tests of Vault's ciphertext layout, checked against the JDK with the exported key material. */
class TransitEncryptionIntegrationTests extends TransitIntegrationTestSupport {

    private static final byte[] PLAIN = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONE = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    KeyStore store;

    private static byte[] exported(TransitMount m, String name, int version) {
        return unb64(m.data("GET", "export/encryption-key/" + name + "/" + version, null).path("keys").path(Integer.toString(version)).asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes128-gcm96", "aes256-gcm96", "chacha20-poly1305"})
    void ciphertextIsVaultsLayoutBothWays(String type) throws Exception {
        TransitMount m = mount();
        m.postOk("keys/k", Map.of("type", type, "exportable", true));
        m.postOk("keys/k/rotate", Map.of());
        byte[] key = exported(m, "k", 2);
        assertThat(key).hasSize(type.equals("aes128-gcm96") ? 16 : 32);

        String ours = m.postOk("encrypt/k", Map.of("plaintext", b64(PLAIN))).path("ciphertext").asString();
        byte[] sealed = Jdk.payload(ours, 2);
        assertThat(sealed).hasSize(12 + PLAIN.length + 16);
        assertThat(Jdk.open(type, key, sealed, NONE)).isEqualTo(PLAIN);
        assertThatThrownBy(() -> Jdk.open(type, exported(m, "k", 1), sealed, NONE)).isInstanceOf(AEADBadTagException.class);

        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String theirs = "vault:v2:" + b64(Jdk.seal(type, key, nonce, PLAIN, NONE));
        assertThat(m.postOk("decrypt/k", Map.of("ciphertext", theirs)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
        String wrongVersion = "vault:v1:" + theirs.substring("vault:v2:".length());
        assertThat(m.error(400, "POST", "decrypt/k", Map.of("ciphertext", wrongVersion))).isEqualTo("cipher: message authentication failed");

        byte[] aad = "row-7".getBytes(StandardCharsets.UTF_8);
        String bound = m.postOk("encrypt/k", Map.of("plaintext", b64(PLAIN), "associated_data", b64(aad))).path("ciphertext").asString();
        assertThat(Jdk.open(type, key, Jdk.payload(bound, 2), aad)).isEqualTo(PLAIN);
        assertThat(m.call("POST", "decrypt/k", Map.of("ciphertext", bound)).status()).as("without its associated data").isEqualTo(400);
    }

    @Test
    void derivedKeysUseHkdfOfTheContext() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/d", Map.of("derived", true, "exportable", true));
        byte[] key = exported(m, "d", 1);
        byte[] context = "tenant-42".getBytes(StandardCharsets.UTF_8);
        byte[] derived = Jdk.hkdf(key, context, 32);

        String ours = m.postOk("encrypt/d", Map.of("plaintext", b64(PLAIN), "context", b64(context))).path("ciphertext").asString();
        assertThat(Jdk.open("aes256-gcm96", derived, Jdk.payload(ours, 1), NONE)).isEqualTo(PLAIN);

        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String theirs = "vault:v1:" + b64(Jdk.seal("aes256-gcm96", derived, nonce, PLAIN, NONE));
        assertThat(m.postOk("decrypt/d", Map.of("ciphertext", theirs, "context", b64(context))).path("plaintext").asString())
                .isEqualTo(b64(PLAIN));
        assertThat(m.call("POST", "decrypt/d", Map.of("ciphertext", theirs, "context", b64("other".getBytes(StandardCharsets.UTF_8))))
                .status()).isEqualTo(400);
        assertThat(m.error(400, "POST", "encrypt/d", Map.of("plaintext", b64(PLAIN)))).startsWith("missing 'context' for key derivation");
    }

    @Test
    void convergentCiphertextIsExactlyVaultsVersionThree() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/c", Map.of("derived", true, "convergent_encryption", true, "exportable", true));
        assertThat(m.data("GET", "keys/c", null).path("convergent_encryption_version").asInt()).isEqualTo(3);
        byte[] key = exported(m, "c", 1);
        byte[] context = "ctx".getBytes(StandardCharsets.UTF_8);
        Map<String, String> body = Map.of("plaintext", b64(PLAIN), "context", b64(context));

        String first = m.postOk("encrypt/c", body).path("ciphertext").asString();
        assertThat(m.postOk("encrypt/c", body).path("ciphertext").asString()).as("convergent").isEqualTo(first);

        byte[] material = Jdk.hkdf(key, context, 64);
        byte[] nonce = Arrays.copyOf(Jdk.hmacSha256(Arrays.copyOfRange(material, 32, 64), PLAIN), 12);
        byte[] expected = Jdk.seal("aes256-gcm96", Arrays.copyOf(material, 32), nonce, PLAIN, NONE);
        assertThat(first).isEqualTo("vault:v1:" + b64(expected));
        assertThat(m.error(400, "POST", "encrypt/c", Map.of("plaintext", b64(PLAIN), "context", b64(context), "nonce", b64(new byte[12]))))
                .isEqualTo("nonce provided when not allowed");
    }

    @Test
    void aVaultBackupRestoresAndDecryptsWhatVaultWrote() throws Exception {
        TransitMount m = mount();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] hmacKey = new byte[32];
        RANDOM.nextBytes(hmacKey);
        String entry = "{\"key\":\"" + b64(key) + "\",\"hmac_key\":\"" + b64(hmacKey)
                + "\",\"time\":\"2024-05-01T10:00:00.123456789Z\",\"ec_x\":null,\"ec_y\":null,\"ec_d\":null,\"rsa_key\":null,"
                + "\"public_key\":\"\",\"convergent_version\":0,\"creation_time\":1714557600}";
        String policy = "{\"name\":\"from-vault\",\"keys\":{\"1\":" + entry + "},\"derived\":false,\"kdf\":0,\"convergent_encryption\":false,"
                + "\"exportable\":true,\"min_decryption_version\":1,\"min_encryption_version\":0,\"latest_version\":1,\"archive_version\":1,"
                + "\"archive_min_version\":0,\"min_available_version\":0,\"deletion_allowed\":false,\"convergent_version\":0,\"type\":0,"
                + "\"backup_info\":null,\"restore_info\":null,\"allow_plaintext_backup\":true,\"version_template\":\"\","
                + "\"storage_prefix\":\"\",\"auto_rotate_period\":0}";
        String backup = b64(("{\"policy\":" + policy + ",\"archived_keys\":{\"keys\":[{}," + entry + "]}}").getBytes(StandardCharsets.UTF_8));
        assertThat(m.post("restore", Map.of("backup", backup)).status()).isEqualTo(204);

        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String written = "vault:v1:" + b64(Jdk.seal("aes256-gcm96", key, nonce, PLAIN, NONE));
        assertThat(m.postOk("decrypt/from-vault", Map.of("ciphertext", written)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
        String hmac = m.postOk("hmac/from-vault", Map.of("input", b64(PLAIN))).path("hmac").asString();
        assertThat(hmac).isEqualTo("vault:v1:" + b64(Jdk.hmacSha256(hmacKey, PLAIN)));

        assertThat(m.error(400, "POST", "restore", Map.of("backup", backup))).isEqualTo("key \"from-vault\" already exists");
        String ours = m.data("GET", "backup/from-vault", null).path("backup").asString();
        assertThat(m.post("restore/copy", Map.of("backup", ours)).status()).isEqualTo(204);
        assertThat(m.postOk("decrypt/copy", Map.of("ciphertext", written)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
        assertThat(m.error(400, "POST", "restore", Map.of("backup", "%%%"))).contains("invalid backup");
    }

    @Test
    void batchesReportEachEntryAndFailWith400UnlessToldOtherwise() {
        TransitMount m = mount();
        m.postOk("keys/b", Map.of());
        List<Map<String, Object>> input = List.of(Map.of("plaintext", b64(PLAIN), "reference", "one"), Map.of("plaintext", "not base64!"),
                Map.of("plaintext", b64(NONE), "key_version", 7));
        TestHttp.Response r = m.post("encrypt/b", Map.of("batch_input", input));
        assertThat(r.status()).isEqualTo(400);
        JsonNode results = r.json().path("data").path("batch_results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("ciphertext").asString()).startsWith("vault:v1:");
        assertThat(results.get(0).path("reference").asString()).isEqualTo("one");
        assertThat(results.get(0).has("error")).isFalse();
        assertThat(results.get(1).path("error").asString()).isEqualTo("failed to base64-decode plaintext");
        assertThat(results.get(2).path("error").asString()).isEqualTo("requested version for encryption is higher than the latest key version");

        TestHttp.Response partial = m.post("encrypt/b", Map.of("batch_input", input, "partial_failure_response_code", 207));
        assertThat(partial.status()).isEqualTo(207);
        assertThat(m.post("encrypt/b", Map.of("batch_input", List.of(Map.of("plaintext", "!")), "partial_failure_response_code", 207))
                .status()).as("no success: still 400").isEqualTo(400);

        String ct = results.get(0).path("ciphertext").asString();
        TestHttp.Response dec = m.post("decrypt/b", Map.of("batch_input", List.of(Map.of("ciphertext", ct, "reference", "a"),
                Map.of("ciphertext", "vault:v1:AAAA", "reference", "b"))));
        assertThat(dec.status()).isEqualTo(400);
        JsonNode d = dec.json().path("data").path("batch_results");
        assertThat(d.get(0).path("plaintext").asString()).isEqualTo(b64(PLAIN));
        assertThat(d.get(1).path("reference").asString()).isEqualTo("b");
        assertThat(d.get(1).path("error").asString()).isEqualTo("invalid ciphertext length");

        JsonNode ok = m.postOk("encrypt/b", Map.of("batch_input", List.of(Map.of("plaintext", b64(PLAIN)), Map.of("plaintext", b64(PLAIN)))));
        assertThat(ok.path("batch_results").get(0).path("ciphertext").asString())
                .isNotEqualTo(ok.path("batch_results").get(1).path("ciphertext").asString());
        TestHttp.Response typed = m.post("encrypt/b", Map.of("batch_input", List.of(Map.of("plaintext", b64(PLAIN), "key_version", "x"))));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().path("data").path("batch_results").get(0).path("error").asString())
                .as("entries are typed like the request").contains("key_version");
    }

    @Test
    void encryptCreatesAMissingKeyAndDatakeysDecrypt() {
        TransitMount m = mount();
        String ct = m.postOk("encrypt/auto", Map.of("plaintext", b64(PLAIN))).path("ciphertext").asString();
        assertThat(m.data("GET", "keys/auto", null).path("type").asString()).isEqualTo("aes256-gcm96");
        assertThat(m.postOk("decrypt/auto", Map.of("ciphertext", ct)).path("plaintext").asString()).isEqualTo(b64(PLAIN));

        JsonNode dk = m.postOk("datakey/plaintext/auto", Map.of("bits", 512));
        assertThat(unb64(dk.path("plaintext").asString())).hasSize(64);
        assertThat(m.postOk("decrypt/auto", Map.of("ciphertext", dk.path("ciphertext").asString())).path("plaintext").asString())
                .isEqualTo(dk.path("plaintext").asString());
        JsonNode wrapped = m.postOk("datakey/wrapped/auto", Map.of());
        assertThat(wrapped.has("plaintext")).isFalse();
        assertThat(unb64(m.postOk("decrypt/auto", Map.of("ciphertext", wrapped.path("ciphertext").asString())).path("plaintext").asString()))
                .hasSize(32);
        assertThat(m.error(400, "POST", "datakey/plaintext/auto", Map.of("bits", 100))).contains("bits");
        assertThat(m.error(400, "POST", "datakey/other/auto", Map.of())).contains("plaintext");
    }

    @Test
    void rsaKeysEncryptWithOaepSha256() throws Exception {
        TransitMount m = mount();
        m.postOk("keys/rsa", Map.of("type", "rsa-2048"));
        PublicKey pub = Jdk.publicKey("RSA", m.data("GET", "keys/rsa", null).path("keys").path("1").path("public_key").asString());
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, pub, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        String theirs = "vault:v1:" + b64(c.doFinal(PLAIN));
        assertThat(m.postOk("decrypt/rsa", Map.of("ciphertext", theirs)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
        String ours = m.postOk("encrypt/rsa", Map.of("plaintext", b64(PLAIN))).path("ciphertext").asString();
        assertThat(m.postOk("decrypt/rsa", Map.of("ciphertext", ours)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
    }

    @Test
    void keysAreCachedOnlyWhileUnsealed() {
        TransitMount m = mount();
        String ct = m.postOk("encrypt/s", Map.of("plaintext", b64(PLAIN))).path("ciphertext").asString();
        assertThat(store.cached()).isPositive();
        barrier.seal();
        try {
            assertThat(m.call("POST", "decrypt/s", Map.of("ciphertext", ct)).status()).isEqualTo(503);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (store.cached() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.cached()).as("the cache went with the keyring").isZero();
        } finally {
            barrier.unseal(dev.arca.test.TestGateway.KEYRING);
        }
        assertThat(m.postOk("decrypt/s", Map.of("ciphertext", ct)).path("plaintext").asString()).isEqualTo(b64(PLAIN));
    }
}
