package dev.arca.pki.issuers;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.config.UrlsPath;
import dev.arca.pki.crl.Raw;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.Pem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code LIST issuers}, {@code issuer/<ref>} (read, update, delete), its unauthenticated
 * {@code json}, {@code der} and {@code pem} forms, and {@code config/issuers} (the default issuer).
 */
@Component
public class IssuersPath {

    private static final Set<String> BEHAVIORS = Set.of("err", "truncate", "permit");
    private static final Set<String> USAGES = Set.of("read-only", "issuing-certificates", "crl-signing", "ocsp-signing");

    private final PkiStore store;

    public IssuersPath(PkiStore store) {
        this.store = store;
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("issuers/?")
                        .list(this::list, "List the issuers.")
                        .help("List the mount's issuers.", "")
                        .build(),
                PathFamily.of("issuer/{issuer_ref}/{form}")
                        .field(Field.path("form", "json, der or pem."))
                        .read(this::form, "Read the issuer's certificate and chain.")
                        .help("Fetch an issuer's certificate (unauthenticated).", "")
                        .build(),
                PathFamily.of("issuer/{issuer_ref}")
                        .field(Field.string("issuer_name", "A name for the issuer."))
                        .field(Field.string("leaf_not_after_behavior", "err, truncate or permit."))
                        .field(Field.of("usage", FieldType.COMMA_STRING_SLICE,
                                "What the issuer may do: read-only, issuing-certificates, crl-signing, ocsp-signing."))
                        .read(this::read, "Read an issuer.")
                        .write(this::update, "Update an issuer.")
                        .patch(this::update, "Update some settings of an issuer.")
                        .delete(this::delete, "Delete an issuer.")
                        .help("Manage one issuer.", "")
                        .build(),
                PathFamily.of(MountState.ISSUERS)
                        .field(Field.string("default", "The default issuer (id or name)."))
                        .field(Field.of("default_follows_latest_issuer", FieldType.BOOL, "Whether new issuers become the default."))
                        .read(this::readConfig, "Read the default issuer.")
                        .write(this::writeConfig, "Set the default issuer.")
                        .help("The default issuer.", "Used wherever an issuer_ref is not given.")
                        .build());
    }

    private ResponseEntity<?> list(BackendRequest r) {
        MountState state = store.state(r.mountAccessor());
        List<String> keys = new ArrayList<>();
        Map<String, Object> info = new LinkedHashMap<>();
        for (Issuer i : state.issuers()) {
            keys.add(i.id());
            info.put(i.id(), Map.of("issuer_name", i.name(), "is_default", i.id().equals(state.defaultIssuerId()),
                    "serial_number", i.serial(), "key_id", i.keyId() == null ? "" : i.keyId()));
        }
        if (keys.isEmpty()) {
            throw VaultException.notFound();
        }
        return r.ok(Map.of("keys", keys, "key_info", info));
    }

    private Issuer issuer(BackendRequest r) {
        return store.state(r.mountAccessor()).issuer(r.fields().string("issuer_ref")).orElseThrow(VaultException::notFound);
    }

    private ResponseEntity<?> read(BackendRequest r) {
        return describe(r, issuer(r));
    }

    private ResponseEntity<?> describe(BackendRequest r, Issuer i) {
        MountState state = store.state(r.mountAccessor());
        Certificates.Urls urls = UrlsPath.urls(state);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer_id", i.id());
        data.put("issuer_name", i.name());
        data.put("key_id", i.keyId() == null ? "" : i.keyId());
        data.put("certificate", i.pem());
        data.put("ca_chain", i.fullChain());
        data.put("serial_number", i.serial());
        data.put("manual_chain", null);
        data.put("leaf_not_after_behavior", i.leafNotAfterBehavior());
        data.put("usage", i.usage());
        data.put("revocation_signature_algorithm", "");
        data.put("revoked", false);
        data.put("issuing_certificates", urls.issuingCertificates());
        data.put("crl_distribution_points", urls.crlDistributionPoints());
        data.put("ocsp_servers", urls.ocspServers());
        data.put("enable_aia_url_templating", false);
        return r.ok(data);
    }

    private ResponseEntity<?> form(BackendRequest r) {
        Issuer i = issuer(r);
        return switch (r.fields().string("form")) {
            case "json" -> r.ok(Map.of("certificate", i.pem(), "ca_chain", i.fullChain(), "issuer_id", i.id(), "issuer_name", i.name()));
            case "der" -> Raw.of(Raw.PKIX_CERT, Pem.encoded(i.certificate()));
            case "pem" -> Raw.of(Raw.PEM_CHAIN, i.pem() + "\n");
            default -> throw VaultException.notFound();
        };
    }

    private ResponseEntity<?> update(BackendRequest r) {
        Issuer i = issuer(r);
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        String name = r.fields().has("issuer_name") ? r.fields().string("issuer_name") : i.name();
        if (state.issuerNameTaken(name, i.id()) || name.equals(MountState.DEFAULT)) {
            throw VaultException.badRequest("issuer name '" + name + "' is already in use or reserved");
        }
        String behavior = r.fields().has("leaf_not_after_behavior") ? r.fields().string("leaf_not_after_behavior") : i.leafNotAfterBehavior();
        if (!BEHAVIORS.contains(behavior)) {
            throw VaultException.badRequest("invalid leaf_not_after_behavior: " + behavior);
        }
        String usage = i.usage();
        if (r.fields().has("usage")) {
            for (String u : r.fields().strings("usage")) {
                if (!USAGES.contains(u)) {
                    throw VaultException.badRequest("unknown usage: " + u);
                }
            }
            usage = String.join(",", r.fields().strings("usage"));
        }
        Issuer next = i.withSettings(name, behavior, usage);
        store.change(mount, () -> store.repository().updateIssuer(mount, next));
        return describe(r, next);
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        state.issuer(r.fields().string("issuer_ref")).ifPresent(i -> store.change(mount, () -> {
            store.repository().deleteIssuer(mount, i.id());
            if (i.id().equals(state.defaultIssuerId())) {
                ObjectNode doc = state.config(MountState.ISSUERS);
                doc.put(MountState.DEFAULT, "");
                store.repository().saveConfig(mount, MountState.ISSUERS, doc);
            }
        }));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> readConfig(BackendRequest r) {
        MountState state = store.state(r.mountAccessor());
        String id = state.defaultIssuerId();
        return r.ok(Map.of("default", id == null ? "" : id, "default_follows_latest_issuer",
                state.config(MountState.ISSUERS).path("default_follows_latest_issuer").asBoolean(false)));
    }

    private ResponseEntity<?> writeConfig(BackendRequest r) {
        String mount = r.mountAccessor();
        MountState state = store.state(mount);
        ObjectNode doc = state.config(MountState.ISSUERS);
        if (r.fields().has("default")) {
            doc.put(MountState.DEFAULT, state.requireIssuer(r.fields().string("default")).id());
        }
        if (r.fields().has("default_follows_latest_issuer")) {
            doc.put("default_follows_latest_issuer", r.fields().bool("default_follows_latest_issuer", false));
        }
        store.change(mount, () -> store.repository().saveConfig(mount, MountState.ISSUERS, doc));
        return readConfig(r);
    }
}
