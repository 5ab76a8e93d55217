package dev.arca.transit.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.core.api.VaultException;
import dev.arca.transit.Jdk;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The convergent layouts only restored keys can have (keysutil versions 1 and 2), and ciphertext parsing. */
class SymmetricTests {

    private static final byte[] PLAIN = "same in, same out".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTEXT = "ctx-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NONE = new byte[0];

    private static KeyPolicy convergent(int version) {
        KeyPolicy p = new KeyPolicy("c", KeyType.AES256_GCM96);
        p.derived = true;
        p.convergent = true;
        p.convergentVersion = version;
        p.rotate();
        return p;
    }

    @Test
    void versionTwoTakesTheNonceFromAnHmacKeyedByTheContext() throws Exception {
        KeyPolicy p = convergent(2);
        byte[] key = Jdk.hkdf(p.version(1).requireKey(), CONTEXT, 32);
        byte[] nonce = Arrays.copyOf(Jdk.hmacSha256(CONTEXT, PLAIN), 12);
        byte[] ours = Symmetric.encrypt(p, 1, PLAIN, CONTEXT, null, null);
        assertThat(ours).isEqualTo(Jdk.seal("aes256-gcm96", key, nonce, PLAIN, NONE));
        assertThat(Symmetric.decrypt(p, p.version(1), ours, CONTEXT, null, null)).isEqualTo(PLAIN);
    }

    @Test
    void versionOneUsesTheCallersNonceAndDoesNotStoreIt() throws Exception {
        KeyPolicy p = convergent(1);
        byte[] key = Jdk.hkdf(p.version(1).requireKey(), CONTEXT, 32);
        byte[] nonce = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        byte[] ours = Symmetric.encrypt(p, 1, PLAIN, CONTEXT, nonce, null);
        byte[] withNonce = Jdk.seal("aes256-gcm96", key, nonce, PLAIN, NONE);
        assertThat(ours).isEqualTo(Arrays.copyOfRange(withNonce, 12, withNonce.length));
        assertThat(Symmetric.decrypt(p, p.version(1), ours, CONTEXT, nonce, null)).isEqualTo(PLAIN);
        assertThatThrownBy(() -> Symmetric.encrypt(p, 1, PLAIN, CONTEXT, new byte[5], null)).isInstanceOf(VaultException.class)
                .hasMessageContaining("must be 12 bytes");
    }

    @Test
    void ciphertextParsingFollowsKeysutil() {
        assertThat(Ciphertext.parse("vault:v3:QUJD")).isEqualTo(new Ciphertext(3, "QUJD"));
        assertThat(Ciphertext.parse("vault:v0:QUJD").version()).as("legacy version 0 is 1").isEqualTo(1);
        assertThatThrownBy(() -> Ciphertext.parse("vault:v3")).hasMessage("invalid ciphertext: wrong number of fields");
        assertThatThrownBy(() -> Ciphertext.parse("vault:vx:QUJD")).hasMessage("invalid ciphertext: version number could not be decoded");
        assertThatThrownBy(() -> Ciphertext.parse("vault:v1:%%").bytes()).hasMessage("invalid ciphertext: could not decode base64");
    }
}
