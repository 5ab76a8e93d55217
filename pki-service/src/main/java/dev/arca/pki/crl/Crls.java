package dev.arca.pki.crl;

import dev.arca.core.api.Durations;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each issuer's CRLs: the complete one (every revoked certificate it signed) and, with
 * {@code enable_delta}, a delta CRL of what was revoked since the complete one. Both are built when a
 * certificate is revoked (unless {@code auto_rebuild} defers the complete one to reads), on
 * {@code crl/rotate}, and on first read; they are stored with their numbers so every replica serves the same bytes.
 */
@Component
public class Crls {

    private static final BcX509ExtensionUtils EXTENSIONS = new BcX509ExtensionUtils();

    private final PkiStore store;
    private final CertRepository certs;
    private final TransactionTemplate tx;

    public Crls(PkiStore store, CertRepository certs, TransactionTemplate tx) {
        this.store = store;
        this.certs = certs;
        this.tx = tx;
    }

    /** The issuer's current CRL (DER), built now if it has none yet or an auto-rebuilt one is stale; empty for an issuer without a key. */
    public byte[] current(String mount, Issuer issuer, boolean delta) {
        MountState state = store.state(mount);
        if (state.keyOf(issuer) == null) {
            return new byte[0];
        }
        ObjectNode config = CrlConfigPath.config(state);
        if (delta && !config.path("enable_delta").asBoolean(false)) {
            return new byte[0];
        }
        Optional<CertRepository.Crl> stored = certs.crl(mount, issuer.id(), delta);
        if (stored.isPresent() && !stale(mount, issuer, stored.get(), config, delta)) {
            return stored.get().der();
        }
        return tx.execute(s -> build(mount, state, issuer, delta).der());
    }

    private boolean stale(String mount, Issuer issuer, CertRepository.Crl crl, ObjectNode config, boolean delta) {
        if (delta || !config.path("auto_rebuild").asBoolean(false)) {
            return false;
        }
        long grace = Durations.seconds(config.path("auto_rebuild_grace_period").asString("12h"), "auto_rebuild_grace_period");
        long expiry = Durations.seconds(config.path("expiry").asString("72h"), "expiry");
        boolean expiring = crl.thisUpdate().plusSeconds(expiry - grace).isBefore(Instant.now());
        return expiring || !certs.revoked(mount, issuer.id(), crl.thisUpdate()).isEmpty();
    }

    /**
     * After a revocation, inside its transaction: the CRLs that must show it. With {@code auto_rebuild}
     * the complete CRL is rebuilt by the next read that finds it stale, and the delta CRL (if enabled) now.
     */
    public void revoked(String mount, MountState state, Issuer issuer) {
        if (state.keyOf(issuer) == null) {
            return;
        }
        ObjectNode config = CrlConfigPath.config(state);
        if (!config.path("auto_rebuild").asBoolean(false)) {
            build(mount, state, issuer, false);
        }
        if (config.path("enable_delta").asBoolean(false)) {
            build(mount, state, issuer, true);
        }
    }

    /** Rebuilds every issuer's CRLs ({@code crl/rotate}); {@code delta} rebuilds only the delta CRLs. */
    public void rotate(String mount, boolean deltaOnly) {
        MountState state = store.state(mount);
        boolean deltas = CrlConfigPath.config(state).path("enable_delta").asBoolean(false);
        tx.executeWithoutResult(s -> {
            for (Issuer i : state.issuers()) {
                if (state.keyOf(i) == null) {
                    continue;
                }
                if (!deltaOnly) {
                    build(mount, state, i, false);
                }
                if (deltas) {
                    build(mount, state, i, true);
                }
            }
        });
    }

    /** Builds, signs and stores a CRL; the caller holds a transaction. */
    CertRepository.Crl build(String mount, MountState state, Issuer issuer, boolean delta) {
        ObjectNode config = CrlConfigPath.config(state);
        long number = certs.lastCrlNumber(mount, issuer.id()) + 1;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long expiry = Durations.seconds(config.path("expiry").asString("72h"), "expiry");
        X509v2CRLBuilder b = new X509v2CRLBuilder(issuer.certificate().getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plusSeconds(delta
                ? Durations.seconds(config.path("delta_rebuild_interval").asString("15m"), "delta_rebuild_interval") * 2 : expiry)));
        Instant since = null;
        long base = 0;
        if (delta) {
            Optional<CertRepository.Crl> complete = certs.crl(mount, issuer.id(), false);
            if (complete.isEmpty()) {
                complete = Optional.of(build(mount, state, issuer, false));
                number = complete.get().number() + 1;
            }
            since = complete.get().thisUpdate();
            base = complete.get().number();
        }
        if (!config.path("disable").asBoolean(false)) {
            for (CertRecord c : certs.revoked(mount, issuer.id(), since)) {
                b.addCRLEntry(serial(c.serial()), Date.from(c.revokedAt()), 0);
            }
        }
        try {
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    EXTENSIONS.createAuthorityKeyIdentifier(issuer.certificate().getSubjectPublicKeyInfo()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
            if (delta) {
                b.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.valueOf(base)));
            }
            Certificates.Signer signer = state.signer(issuer);
            CertRepository.Crl crl = new CertRepository.Crl(number, now, b.build(signer.contentSigner()).getEncoded());
            certs.saveCrl(mount, issuer.id(), delta, crl);
            return crl;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored serial ({@code 0a:1b:...}) as a number. */
    public static BigInteger serial(String formatted) {
        return new BigInteger(1, HexFormat.of().parseHex(formatted.replace(":", "")));
    }
}
