package dev.arca.identity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void inAPodItsCaAndTokenStandInUnlessDisabledOrConfigured(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ca.crt"), "pod ca");
        Files.writeString(dir.resolve("token"), "pod.token.value");
        LocalServiceAccount local = new LocalServiceAccount(dir.toString());
        KubernetesConfig bare = new KubernetesConfig("https://k8s", "", List.of(), "", true, false);
        KubernetesConfig configured = new KubernetesConfig("https://k8s", "configured ca", List.of(), "", true, false);
        KubernetesConfig disabled = new KubernetesConfig("https://k8s", "", List.of(), "", true, true);
        assertThat(local.caFor(bare)).isEqualTo("pod ca");
        assertThat(local.caFor(configured)).isEqualTo("configured ca");
        assertThat(local.caFor(disabled)).isEmpty();
        assertThat(local.bearerFor(bare, "reviewer.jwt", "caller.jwt")).isEqualTo("reviewer.jwt");
        assertThat(local.bearerFor(bare, "", "caller.jwt")).isEqualTo("pod.token.value");
        assertThat(local.bearerFor(disabled, "", "caller.jwt")).isEqualTo("caller.jwt");
        LocalServiceAccount outside = new LocalServiceAccount(dir.resolve("absent").toString());
        assertThat(outside.bearerFor(bare, "", "caller.jwt")).isEqualTo("caller.jwt");
        assertThat(outside.caFor(bare)).isEmpty();
    }

    @Test
    void outsideAPodThereIsNothing() {
        LocalServiceAccount local = new LocalServiceAccount("/nonexistent/arca-test/serviceaccount");
        assertThat(local.caCert()).isEmpty();
        assertThat(local.token()).isEmpty();
    }
}
