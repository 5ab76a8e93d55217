package dev.arca.pki.crl;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Pem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The unauthenticated CA and CRL reads, in Vault's forms: DER ({@code ca}, {@code crl}), PEM
 * ({@code ca/pem}, {@code crl/pem}), the chain ({@code ca_chain}), JSON ({@code cert/ca},
 * {@code cert/crl}, {@code cert/ca_chain}), each issuer's CRLs ({@code issuer/<ref>/crl[/der|/pem]},
 * delta variants), and {@code crl/rotate}, {@code crl/rotate-delta}.
 */
@Component
public class FetchPath {

    private final PkiStore store;
    private final Crls crls;

    public FetchPath(PkiStore store, Crls crls) {
        this.store = store;
        this.crls = crls;
    }

    public List<PathFamily> families() {
        Map<String, Function<BackendRequest, ResponseEntity<?>>> reads = new LinkedHashMap<>();
        reads.put("ca", r -> Raw.of(Raw.PKIX_CERT, defaultIssuer(r).map(i -> Pem.encoded(i.certificate())).orElse(new byte[0])));
        reads.put("ca/pem", r -> Raw.of(Raw.PEM_CHAIN, defaultIssuer(r).map(Issuer::pem).orElse("")));
        reads.put("cert/ca", r -> json(r, defaultIssuer(r).map(Issuer::pem).orElse(""), null));
        reads.put("ca_chain", r -> Raw.of(Raw.PKIX_CERT, defaultIssuer(r).map(i -> String.join("\n", i.fullChain())).orElse("")));
        reads.put("cert/ca_chain", r -> {
            String chain = defaultIssuer(r).map(i -> String.join("\n", i.fullChain())).orElse("");
            return json(r, chain, chain);
        });
        reads.put("crl", r -> Raw.of(Raw.PKIX_CRL, crl(r, defaultIssuer(r), false)));
        reads.put("crl/pem", r -> Raw.of(Raw.PEM_FILE, crlPem(crl(r, defaultIssuer(r), false))));
        reads.put("cert/crl", r -> json(r, crlPem(crl(r, defaultIssuer(r), false)), null));
        reads.put("crl/delta", r -> Raw.of(Raw.PKIX_CRL, crl(r, defaultIssuer(r), true)));
        reads.put("crl/delta/pem", r -> Raw.of(Raw.PEM_FILE, crlPem(crl(r, defaultIssuer(r), true))));
        reads.put("cert/delta-crl", r -> json(r, crlPem(crl(r, defaultIssuer(r), true)), null));
        reads.put("issuer/{issuer_ref}/crl", r -> r.ok(Map.of("crl", crlPem(crl(r, issuer(r), false)))));
        reads.put("issuer/{issuer_ref}/crl/der", r -> Raw.of(Raw.PKIX_CRL, crl(r, issuer(r), false)));
        reads.put("issuer/{issuer_ref}/crl/pem", r -> Raw.of(Raw.PEM_FILE, crlPem(crl(r, issuer(r), false))));
        reads.put("issuer/{issuer_ref}/crl/delta", r -> r.ok(Map.of("crl", crlPem(crl(r, issuer(r), true)))));
        reads.put("issuer/{issuer_ref}/crl/delta/der", r -> Raw.of(Raw.PKIX_CRL, crl(r, issuer(r), true)));
        reads.put("issuer/{issuer_ref}/crl/delta/pem", r -> Raw.of(Raw.PEM_FILE, crlPem(crl(r, issuer(r), true))));
        reads.put("crl/rotate", r -> rotate(r, false));
        reads.put("crl/rotate-delta", r -> rotate(r, true));
        List<PathFamily> out = new ArrayList<>();
        reads.forEach((pattern, handler) -> out.add(PathFamily.of(pattern)
                .read(handler::apply, "Fetch " + pattern + ".")
                .help(pattern.startsWith("crl/rotate") ? "Rebuild the CRLs." : "Fetch a CA certificate, chain or CRL (unauthenticated).",
                        "Without a default issuer the raw forms answer 204 with an empty body, as Vault does.")
                .build()));
        return out;
    }

    /** The families that must come before {@code issuer/<ref>/<form>}: the issuer CRL paths. */
    public static boolean issuerCrl(PathFamily f) {
        return f.pattern().startsWith("issuer/{issuer_ref}/crl");
    }

    private Optional<Issuer> defaultIssuer(BackendRequest r) {
        return store.state(r.mountAccessor()).issuer(MountState.DEFAULT);
    }

    private Optional<Issuer> issuer(BackendRequest r) {
        Optional<Issuer> i = store.state(r.mountAccessor()).issuer(r.fields().string("issuer_ref"));
        if (i.isEmpty()) {
            throw VaultException.notFound();
        }
        return i;
    }

    private byte[] crl(BackendRequest r, Optional<Issuer> issuer, boolean delta) {
        return issuer.map(i -> crls.current(r.mountAccessor(), i, delta)).orElse(new byte[0]);
    }

    private static String crlPem(byte[] der) {
        return der.length == 0 ? "" : Pem.encode("X509 CRL", der) + "\n";
    }

    private static ResponseEntity<?> json(BackendRequest r, String certificate, String chain) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("certificate", certificate);
        data.put("revocation_time", 0);
        data.put("revocation_time_rfc3339", "");
        if (chain != null) {
            data.put("ca_chain", chain);
        }
        return r.ok(data);
    }

    private ResponseEntity<?> rotate(BackendRequest r, boolean delta) {
        crls.rotate(r.mountAccessor(), delta);
        return r.ok(Map.of("success", true));
    }
}
