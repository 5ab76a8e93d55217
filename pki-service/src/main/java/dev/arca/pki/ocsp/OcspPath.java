package dev.arca.pki.ocsp;

import dev.arca.core.api.Durations;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.crl.CrlConfigPath;
import dev.arca.pki.crl.Raw;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.store.CertRepository;
import dev.arca.pki.store.Issuer;
import dev.arca.pki.store.MountState;
import dev.arca.pki.store.PkiStore;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.Serials;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The OCSP responder (RFC 6960): {@code GET ocsp/<base64 request>} and {@code POST ocsp} with a DER
 * body ({@code application/ocsp-request}). Answers are signed by the issuer of the certificates asked
 * about; a certificate the store does not hold is {@code unknown}, a malformed request is answered
 * with the OCSP status {@code malformedRequest} (HTTP 400), an issuer that is not the mount's with
 * {@code unauthorized} (HTTP 401), as Vault answers.
 */
@Component
public class OcspPath {

    private static final int MAX_REQUESTS = 50;

    private final PkiStore store;
    private final CertRepository certs;
    private final DigestCalculatorProvider digests;

    public OcspPath(PkiStore store, CertRepository certs) throws OperatorCreationException {
        this.store = store;
        this.certs = certs;
        this.digests = new JcaDigestCalculatorProviderBuilder().build();
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("ocsp")
                        .write(r -> answer(r, r.rawBody()), "Answer a DER OCSP request.")
                        .help("OCSP responder (POST, application/ocsp-request).", "")
                        .build(),
                PathFamily.of("ocsp/{request+}")
                        .read(r -> answer(r, decode(requestInPath(r))), "Answer a base64 OCSP request.")
                        .help("OCSP responder (GET, base64 request in the path).", "")
                        .build());
    }

    /**
     * The base64 request as it was sent: the base64 alphabet holds {@code /}, so a request may hold
     * {@code //}, which the router reads as one slash; the path as sent keeps it.
     */
    private static String requestInPath(BackendRequest r) {
        String raw = r.rawRelativePath();
        int start = 0;
        while (start < raw.length() && raw.charAt(start) == '/') {
            start++;
        }
        return raw.startsWith("ocsp/", start) ? raw.substring(start + "ocsp/".length()) : r.fields().string("request");
    }

    private static byte @Nullable [] decode(String text) {
        try {
            return Base64.getDecoder().decode(text.replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ResponseEntity<?> answer(BackendRequest r, byte @Nullable [] der) {
        MountState state = store.state(r.mountAccessor());
        var config = CrlConfigPath.config(state);
        if (config.path("ocsp_disable").asBoolean(false)) {
            return status(OCSPRespBuilder.UNAUTHORIZED, 401);
        }
        OCSPReq request;
        try {
            if (der == null || der.length == 0) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST, 400);
            }
            request = new OCSPReq(der);
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST, 400);
        }
        Req[] reqs = request.getRequestList();
        if (reqs.length == 0 || reqs.length > MAX_REQUESTS) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST, 400);
        }
        Issuer issuer = issuerOf(state, reqs[0].getCertID());
        if (issuer == null || state.keyOf(issuer) == null || !issuer.usage().contains("ocsp-signing")) {
            return status(OCSPRespBuilder.UNAUTHORIZED, 401);
        }
        try {
            Certificates.Signer signer = state.signer(issuer);
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.certificate().getSubjectPublicKeyInfo(),
                    digests.get(CertificateID.HASH_SHA1)));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            long expiry = Durations.seconds(config.path("ocsp_expiry").asString("12h"), "ocsp_expiry");
            Date next = expiry > 0 ? Date.from(now.plusSeconds(expiry)) : null;
            for (Req req : reqs) {
                CertificateID id = req.getCertID();
                b.addResponse(id, status(r.mountAccessor(), issuer, id), Date.from(now), next);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            var basic = b.build(signer.contentSigner(), new X509CertificateHolder[] {issuer.certificate()}, Date.from(now));
            return Raw.of(Raw.OCSP_RESPONSE, new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded());
        } catch (OCSPException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("failed to build the OCSP response", e);
        }
    }

    private @Nullable CertificateStatus status(String mount, Issuer issuer, CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(issuer.certificate(), digests)) {
            return new UnknownStatus();
        }
        Optional<CertRecord> cert = certs.find(mount, Serials.format(id.getSerialNumber()));
        if (cert.isEmpty() || !issuer.id().equals(cert.get().issuerId())) {
            return new UnknownStatus();
        }
        if (cert.get().revokedAt() != null) {
            return new RevokedStatus(Date.from(cert.get().revokedAt()), CRLReason.unspecified);
        }
        return CertificateStatus.GOOD;
    }

    private @Nullable Issuer issuerOf(MountState state, CertificateID id) {
        for (Issuer i : state.issuers()) {
            try {
                if (id.matchesIssuer(i.certificate(), digests)) {
                    return i;
                }
            } catch (OCSPException e) {
                return null;
            }
        }
        return null;
    }

    private static ResponseEntity<?> status(int ocspStatus, int httpStatus) {
        try {
            byte[] body = new OCSPRespBuilder().build(ocspStatus, null).getEncoded();
            return ResponseEntity.status(httpStatus).header("Content-Type", Raw.OCSP_RESPONSE).body(body);
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
