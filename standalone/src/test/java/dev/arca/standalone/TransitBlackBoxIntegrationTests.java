package dev.arca.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.security.VaultBytesEncryptor;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.RawTransitKey;
import org.springframework.vault.support.TransitKeyType;
import org.springframework.vault.support.VaultEncryptionResult;
import org.springframework.vault.support.VaultMount;
import org.springframework.vault.support.VaultTransitContext;
import org.springframework.vault.support.VaultTransitKey;
import org.springframework.vault.support.VaultTransitKeyConfiguration;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;

/** transit mounted through sys/mounts and used as an application would, through spring-vault-core. */
class TransitBlackBoxIntegrationTests {

    private static final String MOUNT = "transit-bb";
    private static VaultTransitOperations transit;

    @BeforeAll
    static void mount() {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount(MOUNT, VaultMount.create("transit"));
        assertThat(root.opsForSys().getMounts()).containsKey(MOUNT + "/");
        transit = root.opsForTransit(MOUNT);
    }

    @Test
    void keysAreCreatedReadRotatedAndDeleted() {
        transit.createKey("bb-app");
        transit.createKey("bb-sig", VaultTransitKeyCreationRequest.ofKeyType("ecdsa-p256"));
        assertThat(transit.getKeys()).contains("bb-app", "bb-sig");
        VaultTransitKey key = transit.getKey("bb-app");
        assertThat(key.getType()).isEqualTo("aes256-gcm96");
        assertThat(key.getLatestVersion()).isEqualTo(1);
        assertThat(key.supportsEncryption()).isTrue();

        String v1 = transit.encrypt("bb-app", "hello");
        transit.rotate("bb-app");
        assertThat(transit.getKey("bb-app").getLatestVersion()).isEqualTo(2);
        String rewrapped = transit.rewrap("bb-app", v1);
        assertThat(rewrapped).startsWith("vault:v2:");
        assertThat(transit.decrypt("bb-app", rewrapped)).isEqualTo("hello");

        transit.configureKey("bb-app", VaultTransitKeyConfiguration.builder().minDecryptionVersion(2).build());
        assertThatThrownBy(() -> transit.decrypt("bb-app", v1)).isInstanceOf(VaultException.class)
                .hasMessageContaining("too old");

        assertThatThrownBy(() -> transit.deleteKey("bb-sig")).isInstanceOf(VaultException.class)
                .hasMessageContaining("deletion is not allowed");
        transit.configureKey("bb-sig", VaultTransitKeyConfiguration.builder().deletionAllowed(true).build());
        transit.deleteKey("bb-sig");
        assertThat(transit.getKey("bb-sig")).isNull();
    }

    @Test
    void encryptsAsAnApplicationWould() {
        transit.createKey("bb-derived", VaultTransitKeyCreationRequest.builder().derived(true).build());
        VaultTransitContext context = VaultTransitContext.builder().context("user-7".getBytes(StandardCharsets.UTF_8)).build();
        String ct = transit.encrypt("bb-derived", "secret".getBytes(StandardCharsets.UTF_8), context);
        assertThat(new String(transit.decrypt("bb-derived", ct, context), StandardCharsets.UTF_8)).isEqualTo("secret");

        transit.createKey("bb-batch");
        List<VaultEncryptionResult> results = transit.encrypt("bb-batch", List.of(Plaintext.of("a"), Plaintext.of("b")));
        assertThat(results).hasSize(2).allMatch(r -> r.get().getCiphertext().startsWith("vault:v1:"));
        List<Ciphertext> cts = results.stream().map(VaultEncryptionResult::get).toList();
        assertThat(transit.decrypt("bb-batch", cts)).extracting(r -> r.get().asString()).containsExactly("a", "b");

        VaultBytesEncryptor encryptor = new VaultBytesEncryptor(transit, "bb-bytes");
        transit.createKey("bb-bytes");
        byte[] sealed = encryptor.encrypt("card 4111".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(sealed, StandardCharsets.UTF_8)).startsWith("vault:v1:");
        assertThat(new String(encryptor.decrypt(sealed), StandardCharsets.UTF_8)).isEqualTo("card 4111");
    }

    @Test
    void signsHmacsAndExports() {
        transit.createKey("bb-ed", VaultTransitKeyCreationRequest.builder().type("ed25519").exportable(true).build());
        Plaintext message = Plaintext.of("message");
        var signature = transit.sign("bb-ed", message);
        assertThat(signature.getSignature()).startsWith("vault:v1:");
        assertThat(transit.verify("bb-ed", message, signature)).isTrue();
        assertThat(transit.verify("bb-ed", Plaintext.of("other"), signature)).isFalse();
        assertThat(transit.getHmac("bb-ed", message).getHmac()).startsWith("vault:v1:");

        RawTransitKey exported = transit.exportKey("bb-ed", TransitKeyType.SIGNING_KEY);
        assertThat(exported.getKeys()).containsKey("1");
        assertThatThrownBy(() -> transit.exportKey("bb-ed", TransitKeyType.ENCRYPTION_KEY)).isInstanceOf(VaultException.class);
    }

    @Test
    void disablingTheMountDeletesItsKeys() {
        VaultTemplate root = DevPlatform.root();
        root.opsForSys().mount("transit-gone", VaultMount.create("transit"));
        root.opsForTransit("transit-gone").createKey("k");
        root.opsForSys().unmount("transit-gone");
        root.opsForSys().mount("transit-gone", VaultMount.create("transit"));
        assertThat(root.opsForTransit("transit-gone").getKey("k")).isNull();
        assertThat(DevPlatform.http().send("GET", "/v1/transit-gone/keys/k?help=1", null, "X-Vault-Token", DevPlatform.ROOT_TOKEN)
                .json().path("help").asString()).contains("deletion_allowed");
    }
}
