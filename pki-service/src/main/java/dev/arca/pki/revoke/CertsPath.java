package dev.arca.pki.revoke;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.crl.Raw;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The certificate store: {@code cert/<serial>} (JSON; {@code /raw} DER and {@code /raw/pem} PEM),
 * {@code LIST certs} and {@code LIST certs/revoked}, paged by {@code after} and {@code limit}.
 */
@Component
public class CertsPath {

    private static final int PAGE = 10_000;

    private final CertRepository certs;

    public CertsPath(CertRepository certs) {
        this.certs = certs;
    }

    public List<PathFamily> families() {
        return List.of(
                list("certs/?", false),
                list("certs/revoked/?", true),
                PathFamily.of("cert/{serial}/raw")
                        .read(r -> Raw.of(Raw.PKIX_CERT, find(r).der()), "Fetch a certificate as DER.")
                        .help("Fetch a certificate (DER).", "")
                        .build(),
                PathFamily.of("cert/{serial}/raw/pem")
                        .read(r -> Raw.of(Raw.PEM_CHAIN, Pem.encode("CERTIFICATE", find(r).der()) + "\n"), "Fetch a certificate as PEM.")
                        .help("Fetch a certificate (PEM).", "")
                        .build(),
                PathFamily.of("cert/{serial}")
                        .read(this::read, "Fetch a certificate and its revocation state.")
                        .help("Fetch a certificate by serial number (unauthenticated).", "")
                        .build());
    }

    private PathFamily list(String pattern, boolean revoked) {
        return PathFamily.of(pattern)
                .field(Field.string("after", "List serials after this one.").withDefault(""))
                .field(Field.of("limit", FieldType.INT, "How many serials to list.").withDefault((long) PAGE).range(1, PAGE))
                .list(r -> r.keys(certs.serials(r.mountAccessor(), revoked, Serials.normalize(r.fields().string("after")),
                        r.fields().integer("limit"))), revoked ? "List revoked certificates." : "List stored certificates.")
                .help(revoked ? "List the serials of revoked certificates." : "List the serials of stored certificates.", "")
                .build();
    }

    private CertRecord find(BackendRequest r) {
        return certs.find(r.mountAccessor(), Serials.normalize(r.fields().string("serial"))).orElseThrow(VaultException::notFound);
    }

    private ResponseEntity<?> read(BackendRequest r) {
        CertRecord c = find(r);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("certificate", Pem.encode("CERTIFICATE", c.der()));
        data.put("revocation_time", c.revokedAt() == null ? 0 : c.revokedAt().getEpochSecond());
        data.put("revocation_time_rfc3339", c.revokedAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(c.revokedAt()));
        if (c.revokedAt() != null && c.issuerId() != null) {
            data.put("issuer_id", c.issuerId());
        }
        return r.ok(data);
    }
}
