package dev.arca.identity.kubernetes;

import java.util.List;

/**
 * A mount's {@code config}: where the API server is and how tokens are verified. The reviewer JWT is
 * kept apart (behind the barrier) and never serialised with the rest.
 *
 * @param kubernetesHost       the API server's base URL
 * @param kubernetesCaCert     PEM of the CA that signed the API server's certificate; empty for the system's (or the pod's)
 * @param pemKeys              public keys (or certificates) that sign service account tokens: when set, tokens are verified
 *                             locally instead of by TokenReview
 * @param issuer               the {@code iss} expected when issuer validation is on; empty for {@code kubernetes/serviceaccount}
 * @param disableIssValidation whether {@code iss} is left unchecked (Vault's default)
 * @param disableLocalCaJwt    whether the pod's own CA and token are ignored when running in Kubernetes
 */
record KubernetesConfig(String kubernetesHost, String kubernetesCaCert, List<String> pemKeys, String issuer,
        boolean disableIssValidation, boolean disableLocalCaJwt) {

    KubernetesConfig {
        pemKeys = List.copyOf(pemKeys);
    }
}
