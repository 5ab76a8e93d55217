package dev.arca.pki.revoke;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldData;
import dev.arca.core.backend.PathFamily;
import dev.arca.pki.store.CertRecord;
import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.Pem;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** {@code revoke} (by serial or certificate) and {@code revoke-with-key} (proof of the private key instead of a policy on revoke). */
@Component
public class RevokePath {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Revocations revocations;

    public RevokePath(Revocations revocations) {
        this.revocations = revocations;
    }

    public List<PathFamily> families() {
        return List.of(
                PathFamily.of("revoke")
                        .field(Field.string("serial_number", "The serial number of the certificate."))
                        .field(Field.string("certificate", "The PEM certificate, instead of its serial."))
                        .write(r -> answer(r, revocations.revoke(r.mountAccessor(), target(r))), "Revoke a certificate.")
                        .help("Revoke a certificate by serial number or PEM.", "The issuer's CRL is rebuilt in the same transaction.")
                        .build(),
                PathFamily.of("revoke-with-key")
                        .field(Field.string("serial_number", "The serial number of the certificate."))
                        .field(Field.string("certificate", "The PEM certificate, instead of its serial."))
                        .field(Field.string("private_key", "The certificate's PEM private key.").asRequired())
                        .write(this::withKey, "Revoke a certificate, proving possession of its key.")
                        .help("Revoke a certificate given its private key.", "")
                        .build());
    }

    private CertRecord target(BackendRequest r) {
        FieldData f = r.fields();
        boolean bySerial = !f.string("serial_number").isEmpty();
        boolean byCert = !f.string("certificate").isEmpty();
        if (bySerial == byCert) {
            throw VaultException.badRequest("exactly one of serial_number or certificate must be given");
        }
        return bySerial ? revocations.require(r.mountAccessor(), f.string("serial_number"))
                : revocations.fromPem(r.mountAccessor(), f.string("certificate"));
    }

    private ResponseEntity<?> withKey(BackendRequest r) {
        CertRecord cert = target(r);
        PrivateKey key = Pem.privateKey(r.fields().string("private_key"), "private_key");
        if (!matches(key, Certificates.publicKey(Certificates.parse(cert.der())))) {
            throw VaultException.badRequest("revocation request failed: private key does not match the certificate");
        }
        return answer(r, revocations.revoke(r.mountAccessor(), cert));
    }

    /** Whether the private key is the certificate's: it signs a random challenge the public key verifies. */
    private static boolean matches(PrivateKey key, PublicKey pub) {
        if (!key.getAlgorithm().equals(pub.getAlgorithm()) && !(key.getAlgorithm().startsWith("Ed") && pub.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        String alg = switch (pub.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ResponseEntity<?> answer(BackendRequest r, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("revocation_time", at.getEpochSecond());
        data.put("revocation_time_rfc3339", DateTimeFormatter.ISO_INSTANT.format(at.atOffset(ZoneOffset.UTC)));
        data.put("state", "revoked");
        return r.ok(data);
    }
}
