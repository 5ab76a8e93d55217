package dev.arca.pki.acme;

import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.crl.Raw;
import dev.arca.pki.issue.CsrNames;
import dev.arca.pki.issue.SignPath;
import dev.arca.pki.roles.Names;
import dev.arca.pki.roles.Role;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Subjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code new-order}, {@code order/<id>}, {@code order/<id>/finalize} (issues through {@code sign/<role>}
 * or {@code sign-verbatim}, as the directory is bound), {@code order/<id>/cert} (the PEM chain), and the
 * account's order list ({@code orders}, {@code account/<kid>/orders}).
 */
@Component
public class AcmeOrderPath {

    static final int MAX_LISTED = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AcmeProtocol protocol;
    private final AcmeRepository repository;
    private final AcmeOrders orders;
    private final PkiStore store;
    private final SignPath sign;

    public AcmeOrderPath(AcmeProtocol protocol, AcmeRepository repository, AcmeOrders orders, PkiStore store, SignPath sign) {
        this.protocol = protocol;
        this.repository = repository;
        this.orders = orders;
        this.store = store;
        this.sign = sign;
    }

    public List<PathFamily> families() {
        Field order = Field.path("order_id", "The order.");
        List<PathFamily> out = new ArrayList<>();
        for (AcmeDirectory.Prefix p : AcmeDirectory.Prefix.ALL) {
            out.add(protocol.signedFamily(p, "new-order", AcmeProtocol.KeyRule.KID, this::newOrder,
                    "ACME new-order (RFC 8555 section 7.4): at most " + AcmeOrders.MAX_IDENTIFIERS + " dns identifiers."));
            out.add(protocol.signedFamily(p, "order/{order_id}/finalize", AcmeProtocol.KeyRule.KID, this::finalize,
                    "ACME finalize (RFC 8555 section 7.4): issues through sign/<role> or sign-verbatim.", order));
            out.add(protocol.signedFamily(p, "order/{order_id}/cert", AcmeProtocol.KeyRule.KID, this::certificate,
                    "ACME certificate download (RFC 8555 section 7.4.2).", order));
            out.add(protocol.signedFamily(p, "order/{order_id}", AcmeProtocol.KeyRule.KID, this::order,
                    "An ACME order (RFC 8555 section 7.1.3).", order));
            out.add(protocol.signedFamily(p, "orders", AcmeProtocol.KeyRule.KID, this::list,
                    "The account's orders (RFC 8555 section 7.1.2.1)."));
            out.add(protocol.signedFamily(p, "account/{kid}/orders", AcmeProtocol.KeyRule.KID, this::list,
                    "The account's orders (RFC 8555 section 7.1.2.1).", Field.path("kid", "The account's id.")));
        }
        return out;
    }

    private AcmeProtocol.Answer newOrder(BackendRequest r, AcmeProtocol.Signed c) {
        String account = c.requireAccount().id();
        ObjectNode payload = c.payloadOrEmpty();
        if (payload.has("notBefore") || payload.has("notAfter")) {
            throw AcmeProblem.malformed("notBefore and notAfter are not supported");
        }
        Set<String> names = AcmeOrders.dnsNames(payload.path("identifiers"));
        if (c.directory().role() != null) {
            Role role = new Role(store.role(r.mountAccessor(), c.directory().role()).orElseThrow(
                    () -> AcmeProblem.malformed("role " + c.directory().role() + " does not exist")));
            String denied = Names.firstDenied(role, List.copyOf(names));
            if (denied != null) {
                throw new AcmeProblem("rejectedIdentifier", 400, "identifier " + denied + " is not allowed by role " + c.directory().role());
            }
        }
        ObjectNode order = orders.create(r.mountAccessor(), account, payload.path("identifiers"));
        return AcmeProtocol.Answer.json(201, AcmeOrders.view(c.directory(), order), c.directory().url("order/" + order.path("id").asString()));
    }

    private ObjectNode requireOrder(BackendRequest r, AcmeProtocol.Signed c) {
        String account = c.requireAccount().id();
        ObjectNode order = repository.order(r.mountAccessor(), account, r.fields().string("order_id"))
                .orElseThrow(() -> AcmeProblem.notFound("no such order"));
        return orders.refresh(r.mountAccessor(), account, order);
    }

    private AcmeProtocol.Answer order(BackendRequest r, AcmeProtocol.Signed c) {
        ObjectNode order = requireOrder(r, c);
        return AcmeProtocol.Answer.json(200, AcmeOrders.view(c.directory(), order), c.directory().url("order/" + order.path("id").asString()));
    }

    private AcmeProtocol.Answer list(BackendRequest r, AcmeProtocol.Signed c) {
        String account = c.requireAccount().id();
        if (r.fields().has("kid") && !r.fields().string("kid").equals(account)) {
            throw AcmeProblem.unauthorized("the kid is not this account's");
        }
        List<String> urls = repository.orders(r.mountAccessor(), account, MAX_LISTED).stream()
                .map(id -> c.directory().url("order/" + id)).toList();
        return AcmeProtocol.Answer.json(200, Map.of("orders", urls), null);
    }

    private AcmeProtocol.Answer finalize(BackendRequest r, AcmeProtocol.Signed c) {
        ObjectNode order = requireOrder(r, c);
        String status = order.path("status").asString();
        if (!"ready".equals(status)) {
            throw new AcmeProblem("orderNotReady", 403, "the order is " + status);
        }
        PKCS10CertificationRequest csr = csr(c.payloadOrEmpty().path("csr").asString(""));
        Set<String> identifiers = new LinkedHashSet<>();
        order.path("identifiers").forEach(i -> identifiers.add(i.path("value").asString()));
        String cn = Subjects.commonName(csr.getSubject()).toLowerCase(Locale.ROOT);
        Set<String> requested = new LinkedHashSet<>();
        CsrNames names = CsrNames.of(csr);
        names.dns().forEach(n -> requested.add(n.toLowerCase(Locale.ROOT)));
        if (!cn.isEmpty()) {
            requested.add(cn);
        }
        if (!requested.equals(identifiers) || !names.ips().isEmpty() || !names.emails().isEmpty() || !names.uris().isEmpty()) {
            throw new AcmeProblem("badCSR", 400, "the CSR's names are not the order's identifiers");
        }
        ObjectNode input = JSON.createObjectNode();
        input.put("csr", Pem.encode("CERTIFICATE REQUEST", encoded(csr)));
        input.put("common_name", cn.isEmpty() ? identifiers.iterator().next() : cn);
        input.put("alt_names", String.join(",", identifiers));
        if (c.directory().role() == null) {
            input.put("ext_key_usage", "ServerAuth");
        }
        var issued = sign.signAs(r, c.directory().role(), c.directory().issuer(), c.directory().roleExtKeyUsage(), input);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((VaultResponse) issued.getBody()).data();
        StringBuilder chain = new StringBuilder(data.get("certificate").toString().strip()).append('\n');
        if (data.get("ca_chain") instanceof List<?> cas) {
            cas.forEach(ca -> chain.append(ca.toString().strip()).append('\n'));
        }
        order.put("cert_serial", data.get("serial_number").toString());
        order.put("chain", chain.toString());
        order.put("status", "valid");
        repository.saveOrder(r.mountAccessor(), order.path("id").asString(), c.requireAccount().id(), order,
                Instant.parse(order.path("expires").asString()));
        return AcmeProtocol.Answer.json(200, AcmeOrders.view(c.directory(), order), c.directory().url("order/" + order.path("id").asString()));
    }

    private AcmeProtocol.Answer certificate(BackendRequest r, AcmeProtocol.Signed c) {
        ObjectNode order = requireOrder(r, c);
        if (!order.has("chain")) {
            throw AcmeProblem.notFound("the order has no certificate");
        }
        return new AcmeProtocol.Answer(200, order.path("chain").asString().getBytes(StandardCharsets.US_ASCII), Raw.PEM_CHAIN, null);
    }

    private static PKCS10CertificationRequest csr(String base64url) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getUrlDecoder().decode(base64url));
            CsrNames.verify(csr);
            return csr;
        } catch (IOException | IllegalArgumentException | dev.arca.core.api.VaultException e) {
            throw new AcmeProblem("badCSR", 400, "the CSR is not a valid, self-signed PKCS#10 request");
        }
    }

    private static byte[] encoded(PKCS10CertificationRequest csr) {
        try {
            return csr.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
