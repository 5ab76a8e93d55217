package dev.arca.identity.kubernetes;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service account a token speaks for, read from its claims: the legacy secret-based tokens'
 * {@code kubernetes.io/serviceaccount/*} claims, or the projected tokens' {@code kubernetes.io}
 * object.
 *
 * @param secretName the secret a legacy token came from; empty for projected tokens
 * @param audiences  the token's {@code aud}
 */
record ServiceAccount(String name, String namespace, String uid, String secretName, List<String> audiences) {

    private static final String LEGACY = "kubernetes.io/serviceaccount/";

    /** The service account of the claims, or null when they name none. */
    static @Nullable ServiceAccount fromClaims(Map<String, Object> claims, List<String> audiences) {
        if (claims.get("kubernetes.io") instanceof Map<?, ?> projected) {
            Map<?, ?> account = projected.get("serviceaccount") instanceof Map<?, ?> m ? m : Map.of();
            return complete(new ServiceAccount(text(account.get("name")), text(projected.get("namespace")), text(account.get("uid")), "",
                    audiences));
        }
        return complete(new ServiceAccount(text(claims.get(LEGACY + "service-account.name")), text(claims.get(LEGACY + "namespace")),
                text(claims.get(LEGACY + "service-account.uid")), text(claims.get(LEGACY + "secret.name")), audiences));
    }

    private static @Nullable ServiceAccount complete(ServiceAccount a) {
        return a.name().isEmpty() || a.namespace().isEmpty() || a.uid().isEmpty() ? null : a;
    }

    private static String text(@Nullable Object o) {
        return o instanceof String s ? s : "";
    }

    /** The metadata Vault puts on the alias (and, with the role's name, on the token). */
    Map<String, String> metadata() {
        return Map.of("service_account_name", name, "service_account_namespace", namespace, "service_account_uid", uid,
                "service_account_secret_name", secretName);
    }
}
