package dev.arca.pki.config;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.Documents;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code config/urls}: the issuing-certificate, CRL and OCSP URLs written into issued certificates. */
@Component
public class UrlsPath {

    private static final List<String> LISTS = List.of("issuing_certificates", "crl_distribution_points", "ocsp_servers");

    private final PkiStore store;

    public UrlsPath(PkiStore store) {
        this.store = store;
    }

    public PathFamily family() {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("issuing_certificates", FieldType.COMMA_STRING_SLICE, "URLs of the issuing certificate.").withDefault(List.of()));
        fields.add(Field.of("crl_distribution_points", FieldType.COMMA_STRING_SLICE, "URLs of the CRL.").withDefault(List.of()));
        fields.add(Field.of("ocsp_servers", FieldType.COMMA_STRING_SLICE, "URLs of the OCSP responder.").withDefault(List.of()));
        fields.add(Field.of("enable_templating", FieldType.BOOL, "Whether the URLs are templates (not supported).").withDefault(false));
        return Documents.settings(MountState.URLS, fields, store, UrlsPath::check, "Set the URLs for the issuing CA, CRL and OCSP.",
                "Written into the Authority Information Access and CRL Distribution Points extensions of issued certificates.");
    }

    private static void check(ObjectNode doc) {
        if (doc.path("enable_templating").asBoolean(false)) {
            throw VaultException.badRequest("enable_templating is not supported");
        }
        for (String name : LISTS) {
            for (JsonNode u : doc.path(name)) {
                try {
                    URI uri = new URI(u.asString());
                    if (uri.getScheme() == null) {
                        throw new URISyntaxException(u.asString(), "no scheme");
                    }
                } catch (URISyntaxException e) {
                    throw VaultException.badRequest("invalid URL in " + name);
                }
            }
        }
    }

    /** The mount's URLs for issued certificates. */
    public static Certificates.Urls urls(MountState state) {
        ObjectNode doc = state.config(MountState.URLS);
        return new Certificates.Urls(strings(doc.path("issuing_certificates")), strings(doc.path("crl_distribution_points")),
                strings(doc.path("ocsp_servers")));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asString()));
        return out;
    }
}
