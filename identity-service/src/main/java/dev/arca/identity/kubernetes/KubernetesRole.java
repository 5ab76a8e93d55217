package dev.arca.identity.kubernetes;

import dev.arca.identity.login.TokenSettings;
import java.util.List;

/**
 * A kubernetes role ({@code role/<name>}): which service accounts may log in with it and the settings
 * of the tokens they get.
 *
 * @param boundServiceAccountNames      globs of service account names, or {@code *}
 * @param boundServiceAccountNamespaces globs of namespaces, or {@code *}; may be empty when a selector is set
 * @param namespaceSelector             a label selector (JSON) the namespace's labels may match instead; empty for none
 * @param audience                      the audience the token must carry; empty for none
 * @param aliasNameSource               {@code serviceaccount_uid} or {@code serviceaccount_name}
 */
record KubernetesRole(List<String> boundServiceAccountNames, List<String> boundServiceAccountNamespaces, String namespaceSelector,
        String audience, String aliasNameSource, TokenSettings token) {

    static final String ALIAS_UID = "serviceaccount_uid";
    static final String ALIAS_NAME = "serviceaccount_name";

    KubernetesRole {
        boundServiceAccountNames = List.copyOf(boundServiceAccountNames);
        boundServiceAccountNamespaces = List.copyOf(boundServiceAccountNamespaces);
    }
}
