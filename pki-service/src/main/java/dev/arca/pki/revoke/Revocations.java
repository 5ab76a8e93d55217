package dev.arca.pki.revoke;

import dev.arca.core.api.VaultException;
import dev.arca.pki.crl.Crls;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes certificates: marks the stored certificate (a certificate the mount signed but did not store
 * is added first) and rebuilds its issuer's CRLs in the same transaction, so a revocation and the CRL
 * that shows it commit together. Idempotent: a second revocation keeps the first time.
 */
@Component
public class Revocations {

    private final PkiStore store;
    private final CertRepository certs;
    private final Crls crls;
    private final TransactionTemplate tx;

    public Revocations(PkiStore store, CertRepository certs, Crls crls, TransactionTemplate tx) {
        this.store = store;
        this.certs = certs;
        this.crls = crls;
        this.tx = tx;
    }

    /** The stored certificate of a serial, or Vault's 400. */
    public CertRecord require(String mount, String serial) {
        return certs.find(mount, Serials.normalize(serial))
                .orElseThrow(() -> VaultException.badRequest("certificate with serial " + serial + " not found."));
    }

    /** A certificate the caller sent: the stored one, or, when the mount signed it but kept none, a record for it. */
    public CertRecord fromPem(String mount, String pem) {
        X509CertificateHolder cert = Pem.certificate(pem, "certificate");
        String serial = Serials.format(cert.getSerialNumber());
        Optional<CertRecord> stored = certs.find(mount, serial);
        if (stored.isPresent()) {
            if (!java.util.Arrays.equals(stored.get().der(), Pem.encoded(cert))) {
                throw VaultException.badRequest("certificate with serial " + serial + " does not match the stored certificate");
            }
            return stored.get();
        }
        for (Issuer i : store.state(mount).issuers()) {
            if (Certificates.signedBy(cert, i.certificate())) {
                return new CertRecord(serial, i.id(), Pem.encoded(cert), Certificates.notAfter(cert), null);
            }
        }
        throw VaultException.badRequest("certificate with serial " + serial + " was not issued by this mount");
    }

    /** Revokes a stored certificate unless it is gone or already revoked (a lease's revocation, which may repeat). */
    public void revokeIfStored(String mount, String serial) {
        certs.find(mount, Serials.normalize(serial)).filter(c -> c.revokedAt() == null).ifPresent(c -> revoke(mount, c));
    }

    /** Revokes; the revocation time in force. */
    public Instant revoke(String mount, CertRecord cert) {
        MountState state = store.state(mount);
        for (Issuer i : state.issuers()) {
            if (i.serial().equals(cert.serial())) {
                throw VaultException.badRequest("adding issuer (id: " + i.id() + ") to its own CRL is not allowed");
            }
        }
        return tx.execute(s -> {
            if (certs.find(mount, cert.serial()).isEmpty()) {
                certs.insert(mount, cert);
            }
            Instant at = certs.revoke(mount, cert.serial(), Instant.now().truncatedTo(ChronoUnit.SECONDS)).orElseThrow();
            if (cert.issuerId() != null) {
                state.issuer(cert.issuerId()).ifPresent(i -> crls.revoked(mount, state, i));
            }
            return at;
        });
    }
}
