package dev.arca.pki.acme;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.revoke.Revocations;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.x509.Pem;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.stereotype.Component;

/**
 * {@code revoke-cert} (RFC 8555 section 7.6): signed by the account that ordered the certificate
 * ({@code kid}) or by the certificate's own key ({@code jwk}); revokes through the mount's one
 * revocation path, so the CRL and OCSP show it at once.
 */
@Component
public class AcmeRevokePath {

    private final AcmeProtocol protocol;
    private final AcmeRepository repository;
    private final Revocations revocations;

    public AcmeRevokePath(AcmeProtocol protocol, AcmeRepository repository, Revocations revocations) {
        this.protocol = protocol;
        this.repository = repository;
        this.revocations = revocations;
    }

    public List<PathFamily> families() {
        return AcmeDirectory.Prefix.ALL.stream().map(p -> protocol.signedFamily(p, "revoke-cert", AcmeProtocol.KeyRule.EITHER,
                this::revoke, "ACME revoke-cert (RFC 8555 section 7.6): by the ordering account or the certificate's key.")).toList();
    }

    private AcmeProtocol.Answer revoke(BackendRequest r, AcmeProtocol.Signed c) {
        X509CertificateHolder cert;
        try {
            cert = new X509CertificateHolder(Base64.getUrlDecoder().decode(c.payloadOrEmpty().path("certificate").asString("")));
        } catch (IOException | IllegalArgumentException e) {
            throw AcmeProblem.malformed("certificate must be the base64url DER of a certificate");
        }
        CertRecord record;
        try {
            record = revocations.fromPem(r.mountAccessor(), Pem.certificate(cert));
        } catch (VaultException e) {
            throw AcmeProblem.unauthorized("the certificate was not issued by this mount");
        }
        boolean allowed;
        if (c.account() != null) {
            allowed = repository.ordered(r.mountAccessor(), c.account().id(), record.serial());
        } else {
            PublicKey certKey = Pem.publicKey(cert.getSubjectPublicKeyInfo());
            allowed = Arrays.equals(certKey.getEncoded(), publicKey(c).getEncoded());
        }
        if (!allowed) {
            throw AcmeProblem.unauthorized("neither the ordering account nor the certificate's key signed this request");
        }
        if (record.revokedAt() != null) {
            throw new AcmeProblem("alreadyRevoked", 400, "the certificate is already revoked");
        }
        revocations.revoke(r.mountAccessor(), record);
        return new AcmeProtocol.Answer(200, new byte[0], AcmeProtocol.JSON_TYPE, null);
    }

    private static PublicKey publicKey(AcmeProtocol.Signed c) {
        try {
            return ((com.nimbusds.jose.jwk.AsymmetricJWK) c.key()).toPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AcmeProblem("badPublicKey", 400, "the key cannot be read");
        }
    }
}
