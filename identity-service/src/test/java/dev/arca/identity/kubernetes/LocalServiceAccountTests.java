package dev.arca.identity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pod's service account files, read when present (the token at every use, as the kubelet rotates it). */
class LocalServiceAccountTests {

    @Test
    void readsThePodsFilesAndTheRotatedToken(@TempDir Path dir) throws IOException {
        LocalServiceAccount local = new LocalServiceAccount(dir.toString());
        assertThat(local.caCert()).isEmpty();
        assertThat(local.token()).isEmpty();
        Files.writeString(dir.resolve("ca.crt"), "ca bundle\n");
        Files.writeString(dir.resolve("token"), "first.token.value\n");
        assertThat(local.caCert()).isEqualTo("ca bundle\n");
        assertThat(local.token()).isEqualTo("first.token.value");
        Files.writeString(dir.resolve("token"), "second.token.value");
        assertThat(local.token()).isEqualTo("second.token.value");
    }

    @Test
    void outsideAPodThereIsNothing() {
        LocalServiceAccount local = new LocalServiceAccount("/nonexistent/arca-test/serviceaccount");
        assertThat(local.caCert()).isEmpty();
        assertThat(local.token()).isEmpty();
    }
}
