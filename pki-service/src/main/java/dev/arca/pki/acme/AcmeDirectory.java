package dev.arca.pki.acme;

import dev.arca.core.backend.BackendRequest;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ACME directory a request was made on: its absolute base URL (the mount's {@code config/cluster}
 * {@code path} and the directory's prefix) and what its orders are issued under: a role
 * ({@code roles/<role>/acme/}, or the {@code default_directory_policy} {@code role:<name>}), or
 * sign-verbatim; and an issuer ({@code issuer/<ref>/acme/}, the role's, or the default).
 *
 * @param base     e.g. {@code https://arca.example/v1/pki/roles/web/acme}
 * @param role     the role's name, or null for sign-verbatim
 * @param issuer   the issuer reference to sign with, or null for the role's or the mount's default
 * @param roleExtKeyUsage whether the role's extended key usages apply ({@code allow_role_ext_key_usage})
 */
record AcmeDirectory(String base, @Nullable String role, @Nullable String issuer, boolean roleExtKeyUsage) {

    /**
     * Where a directory sits under the mount: {@code acme/}, {@code roles/{role}/acme/},
     * {@code issuer/{issuer_ref}/acme/} or {@code issuer/{issuer_ref}/roles/{role}/acme/}.
     */
    record Prefix(String pattern, boolean hasRole, boolean hasIssuer) {

        static final List<Prefix> ALL = List.of(new Prefix("acme/", false, false), new Prefix("roles/{role}/acme/", true, false),
                new Prefix("issuer/{issuer_ref}/acme/", false, true),
                new Prefix("issuer/{issuer_ref}/roles/{role}/acme/", true, true));

        /** A family for a resource of this directory, with its path fields and the JWS body fields. */
        dev.arca.core.backend.PathFamily.Builder family(String resource) {
            dev.arca.core.backend.PathFamily.Builder b = dev.arca.core.backend.PathFamily.of(pattern + resource);
            if (hasRole) {
                b.field(dev.arca.core.backend.Field.path("role", "The role the directory issues under."));
            }
            if (hasIssuer) {
                b.field(dev.arca.core.backend.Field.path("issuer_ref", "The issuer the directory signs with."));
            }
            return b.field(dev.arca.core.backend.Field.string("protected", "The JWS protected header (base64url)."))
                    .field(dev.arca.core.backend.Field.string("payload", "The JWS payload (base64url)."))
                    .field(dev.arca.core.backend.Field.string("signature", "The JWS signature (base64url)."));
        }

        /** The prefix with the request's segments filled in, without its trailing slash. */
        String filled(BackendRequest r) {
            String p = pattern;
            if (hasRole) {
                p = p.replace("{role}", r.fields().string("role"));
            }
            if (hasIssuer) {
                p = p.replace("{issuer_ref}", r.fields().string("issuer_ref"));
            }
            return p.substring(0, p.length() - 1);
        }
    }

    /** The base with a resource below it, e.g. {@code order/<id>}. */
    String url(String resource) {
        return base + "/" + resource;
    }

    /** The directory of a request, or the problem that refuses it. */
    static AcmeDirectory of(BackendRequest r, Prefix prefix, PkiStore store) {
        MountState state = store.state(r.mountAccessor());
        ObjectNode config = AcmeConfigPath.config(state);
        if (!config.path("enabled").asBoolean(false)) {
            throw AcmeProblem.unauthorized("ACME is disabled in configuration");
        }
        String cluster = state.config("config/cluster").path("path").asString("");
        if (cluster.isEmpty()) {
            throw new AcmeProblem("serverInternal", 500, "ACME feature requires local cluster 'path' field configuration to be set");
        }
        String base = (cluster.endsWith("/") ? cluster.substring(0, cluster.length() - 1) : cluster) + "/" + prefix.filled(r);
        String role;
        if (prefix.hasRole()) {
            role = r.fields().string("role");
            if (!allowed(config.path("allowed_roles"), role)) {
                throw AcmeProblem.unauthorized("role " + role + " is not allowed for ACME");
            }
        } else {
            String policy = config.path("default_directory_policy").asString("sign-verbatim");
            if (policy.equals("forbid")) {
                throw AcmeProblem.unauthorized("the default ACME directory is forbidden by default_directory_policy");
            }
            role = policy.startsWith("role:") ? policy.substring(5) : null;
        }
        Optional<ObjectNode> roleDoc = role == null ? Optional.empty() : store.role(r.mountAccessor(), role);
        if (role != null && roleDoc.isEmpty()) {
            throw AcmeProblem.malformed("role " + role + " does not exist");
        }
        String issuer = prefix.hasIssuer() ? r.fields().string("issuer_ref")
                : roleDoc.map(d -> d.path("issuer_ref").asString("")).filter(s -> !s.isEmpty()).orElse(MountState.DEFAULT);
        Issuer resolved = state.issuer(issuer).orElseThrow(() -> AcmeProblem.malformed("issuer " + issuer + " does not exist"));
        JsonNode issuers = config.path("allowed_issuers");
        if (!(allowed(issuers, resolved.id()) || allowed(issuers, resolved.name()))) {
            throw AcmeProblem.unauthorized("issuer " + issuer + " is not allowed for ACME");
        }
        return new AcmeDirectory(base, role, prefix.hasIssuer() ? issuer : null, config.path("allow_role_ext_key_usage").asBoolean(false));
    }

    private static boolean allowed(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.asString("").equals("*") || (!name.isEmpty() && n.asString("").equals(name))) {
                return true;
            }
        }
        return false;
    }
}
