package dev.arca.identity.kubernetes;

import com.nimbusds.jwt.SignedJWT;
import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.identity.login.TokenSettings;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code kubernetes} auth method: {@code config} (the API server, its CA, the token reviewer JWT,
 * or public keys to verify tokens locally), roles binding service accounts ({@code role/<name>}) and
 * {@code login} with a service account token ({@link KubernetesLogin}).
 */
@Configuration(proxyBeanMethods = false)
public class KubernetesBackend {

    private static final String ROLE = "role/{name}";
    private static final int MAX_JWT = 16 * 1024;
    private static final int MAX_PEM = 64 * 1024;
    private static final int MAX_NAME = 256;

    private final KubernetesStore store;
    private final KubernetesLogin login;
    private final JsonMapper json;

    KubernetesBackend(KubernetesStore store, KubernetesLogin login, JsonMapper json) {
        this.store = store;
        this.login = login;
        this.json = json;
    }

    @Bean
    Backend kubernetes() {
        PathFamily.Builder role = PathFamily.of(ROLE)
                .field(Field.path("name", "The role's name."))
                .field(Field.of("bound_service_account_names", FieldType.COMMA_STRING_SLICE,
                        "Service account names (globs) that may log in, or \"*\" for any.").maxLength(MAX_NAME))
                .field(Field.of("bound_service_account_namespaces", FieldType.COMMA_STRING_SLICE,
                        "Namespaces (globs) whose service accounts may log in, or \"*\" for any.").maxLength(MAX_NAME))
                .field(Field.string("bound_service_account_namespace_selector",
                        "A label selector (JSON) on the namespace's labels, allowing namespaces besides the bound ones.").maxLength(MAX_PEM))
                .field(Field.string("audience", "The audience the service account token must carry.").maxLength(MAX_NAME * 4))
                .field(Field.string("alias_name_source", "serviceaccount_uid (default) or serviceaccount_name: what names the alias."))
                .field(TokenSettings.policies("policies", "Older name of token_policies."));
        TokenSettings.fields().forEach(role::field);
        return Backend.builder("kubernetes", Backend.Kind.AUTH)
                .description("Kubernetes service account tokens")
                .unauthenticated("login")
                .paths(PathFamily.of("config")
                                .field(Field.string("kubernetes_host", "The API server's URL: host, host:port or scheme://host:port.").maxLength(MAX_NAME * 8))
                                .field(Field.string("kubernetes_ca_cert", "PEM of the CA of the API server's certificate.").maxLength(MAX_PEM))
                                .field(Field.string("token_reviewer_jwt", "A service account JWT allowed to create TokenReviews.").maxLength(MAX_JWT))
                                .field(Field.of("pem_keys", FieldType.COMMA_STRING_SLICE,
                                        "PEM public keys or certificates that verify service account tokens locally.").maxLength(MAX_PEM))
                                .field(Field.string("issuer", "The iss claim expected when issuer validation is on.").maxLength(MAX_NAME * 4))
                                .field(Field.of("disable_iss_validation", FieldType.BOOL, "Leave the iss claim unchecked.").withDefault(true))
                                .field(Field.of("disable_local_ca_jwt", FieldType.BOOL, "Ignore the pod's own CA and token.").withDefault(false))
                                .read(this::readConfig, "Read the configuration.")
                                .write(this::writeConfig, "Configure the API server and how tokens are verified.")
                                .help("Where the Kubernetes API server is and how service account tokens are verified.", "").build(),
                        PathFamily.of("role/?").list(r -> r.keys(store.roleNames(r.mountAccessor())), "List roles.").help("The roles.", "").build(),
                        role.read(this::readRole, "Read a role.").write(this::writeRole, "Create or change a role.")
                                .delete(r -> {
                                    store.deleteRole(r.mountAccessor(), name(r));
                                    return BackendRequest.noContent();
                                }, "Delete a role.")
                                .existenceCheck(r -> store.role(r.mountAccessor(), name(r)).isPresent())
                                .help("A role: the service accounts it binds and the settings of their tokens.", "").build(),
                        PathFamily.of("login")
                                .field(Field.string("role", "The role to log in with.").maxLength(MAX_NAME))
                                .field(Field.string("jwt", "The service account token.").maxLength(MAX_JWT))
                                .write(login::login, "Log in with a service account token.")
                                .help("Log in: the answer's auth block carries the token.", "").build())
                .hooks(new Backend.MountHooks() {
                    @Override
                    public void disable(Backend.MountInfo mount) {
                        store.deleteMount(mount.accessor());
                    }
                })
                .build();
    }

    private ResponseEntity<?> readConfig(BackendRequest r) {
        KubernetesStore.Stored s = store.config(r.mountAccessor()).orElseThrow(VaultException::notFound);
        KubernetesConfig c = s.config();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("disable_iss_validation", c.disableIssValidation());
        data.put("disable_local_ca_jwt", c.disableLocalCaJwt());
        data.put("issuer", c.issuer());
        data.put("kubernetes_ca_cert", c.kubernetesCaCert());
        data.put("kubernetes_host", c.kubernetesHost());
        data.put("pem_keys", c.pemKeys());
        data.put("token_reviewer_jwt_set", !s.tokenReviewerJwt().isEmpty());
        return r.ok(data);
    }

    private ResponseEntity<?> writeConfig(BackendRequest r) {
        FieldData f = r.fields();
        String host = f.string("kubernetes_host").trim();
        if (host.isEmpty()) {
            throw VaultException.badRequest("no host provided");
        }
        if (!host.contains("://")) {
            // a bare host or host:port is the API server over HTTPS, as Kubernetes clients read it
            host = "https://" + host;
        }
        checkHost(host);
        String ca = f.string("kubernetes_ca_cert");
        if (!ca.isBlank() && KubernetesApi.parseCertificates(ca).isEmpty()) {
            throw VaultException.badRequest("kubernetes_ca_cert: the PEM data contains no valid certificates");
        }
        List<String> pem = f.strings("pem_keys").stream().filter(k -> !k.isBlank()).toList();
        PemKeys.parse(pem);
        String reviewer = f.string("token_reviewer_jwt").trim();
        if (!reviewer.isEmpty()) {
            try {
                SignedJWT.parse(reviewer);
            } catch (ParseException e) {
                throw VaultException.badRequest("token_reviewer_jwt is not a JWT");
            }
        }
        KubernetesConfig config = new KubernetesConfig(host, ca.isBlank() ? "" : ca, pem, f.string("issuer"),
                f.bool("disable_iss_validation", true), f.bool("disable_local_ca_jwt", false));
        store.saveConfig(r.mountAccessor(), new KubernetesStore.Stored(config, reviewer));
        return BackendRequest.noContent();
    }

    private static void checkHost(String host) {
        try {
            URI u = URI.create(host);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw VaultException.badRequest("kubernetes_host must be an http or https URL");
            }
        } catch (IllegalArgumentException e) {
            throw VaultException.badRequest("kubernetes_host must be an http or https URL");
        }
    }

    private ResponseEntity<?> readRole(BackendRequest r) {
        KubernetesRole role = store.role(r.mountAccessor(), name(r)).orElseThrow(VaultException::notFound);
        Map<String, Object> data = new LinkedHashMap<>(role.token().toMap());
        data.put("alias_name_source", role.aliasNameSource());
        data.put("audience", role.audience());
        data.put("bound_service_account_names", role.boundServiceAccountNames());
        data.put("bound_service_account_namespace_selector", role.namespaceSelector());
        data.put("bound_service_account_namespaces", role.boundServiceAccountNamespaces());
        data.put("policies", role.token().policies());
        return r.ok(data);
    }

    private ResponseEntity<?> writeRole(BackendRequest r) {
        FieldData f = r.fields();
        KubernetesRole old = store.role(r.mountAccessor(), name(r)).orElse(null);
        List<String> names = bindings(f, "bound_service_account_names", old == null ? List.of() : old.boundServiceAccountNames());
        List<String> namespaces = bindings(f, "bound_service_account_namespaces", old == null ? List.of() : old.boundServiceAccountNamespaces());
        String selector = f.has("bound_service_account_namespace_selector") ? f.string("bound_service_account_namespace_selector").trim()
                : old == null ? "" : old.namespaceSelector();
        if (names.isEmpty()) {
            throw VaultException.badRequest("\"bound_service_account_names\" can not be empty");
        }
        if (namespaces.isEmpty() && selector.isEmpty()) {
            throw VaultException.badRequest(
                    "\"bound_service_account_namespaces\" can not be empty if \"bound_service_account_namespace_selector\" is not set");
        }
        if (!selector.isEmpty()) {
            LabelSelector.parse(selector, json);
        }
        String aliasSource = f.has("alias_name_source") ? f.string("alias_name_source")
                : old == null ? KubernetesRole.ALIAS_UID : old.aliasNameSource();
        if (!aliasSource.equals(KubernetesRole.ALIAS_UID) && !aliasSource.equals(KubernetesRole.ALIAS_NAME)) {
            throw VaultException.badRequest("invalid alias_name_source \"" + printable(aliasSource) + "\"");
        }
        store.saveRole(r.mountAccessor(), name(r), new KubernetesRole(names, namespaces, selector,
                f.has("audience") ? f.string("audience") : old == null ? "" : old.audience(), aliasSource,
                TokenSettings.parseWithPolicies(f, old == null ? TokenSettings.DEFAULT : old.token())));
        return BackendRequest.noContent();
    }

    /** A binding list as sent (trimmed, empties dropped) or kept; {@code *} only alone. */
    private static List<String> bindings(FieldData f, String field, List<String> kept) {
        if (!f.has(field)) {
            return kept;
        }
        List<String> values = f.strings(field).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (values.size() > 1 && values.contains("*")) {
            throw VaultException.badRequest("can not mix \"*\" with values in \"" + field + "\"");
        }
        return values;
    }

    private static String name(BackendRequest r) {
        String n = r.fields().string("name").toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.length() > MAX_NAME || !n.matches("\\w([\\w.-]*\\w)?")) {
            throw VaultException.badRequest("invalid role name");
        }
        return n;
    }

    /** Caller-sent text fit to echo in an error: only name characters, bounded. */
    static String printable(String s) {
        String kept = s.replaceAll("[^\\w.@/:-]", "");
        return kept.length() > MAX_NAME ? kept.substring(0, MAX_NAME) : kept;
    }
}
