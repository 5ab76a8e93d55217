package dev.arca.identity.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The service account files Kubernetes mounts into a pod: when they exist (and the mount's
 * {@code disable_local_ca_jwt} is off) their CA stands in for an empty {@code kubernetes_ca_cert} and
 * their token for an empty {@code token_reviewer_jwt}, as Vault uses them. The token is read at each
 * use, since the kubelet rotates it.
 */
@Component
class LocalServiceAccount {

    static final String DEFAULT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final long MAX_FILE = 1 << 20;

    private final Path dir;

    LocalServiceAccount(@Value("${arca.kubernetes.service-account-dir:" + DEFAULT_DIR + "}") String dir) {
        this.dir = Path.of(dir);
    }

    /** The pod's CA bundle; empty outside a pod. */
    String caCert() {
        return read("ca.crt");
    }

    /** The pod's own service account token; empty outside a pod. */
    String token() {
        return read("token").trim();
    }

    /** The CA the API server's certificate is checked against: the configured one, else the pod's (unless disabled). */
    String caFor(KubernetesConfig config) {
        return config.kubernetesCaCert().isEmpty() && !config.disableLocalCaJwt() ? caCert() : config.kubernetesCaCert();
    }

    /** What authenticates calls to the API server, as Vault chooses it: the reviewer JWT, else the pod's token, else the caller's own. */
    String bearerFor(KubernetesConfig config, String reviewerJwt, String callerJwt) {
        if (!reviewerJwt.isEmpty()) {
            return reviewerJwt;
        }
        String own = config.disableLocalCaJwt() ? "" : token();
        return own.isEmpty() ? callerJwt : own;
    }

    private String read(String name) {
        Path f = dir.resolve(name);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > MAX_FILE) {
                return "";
            }
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
