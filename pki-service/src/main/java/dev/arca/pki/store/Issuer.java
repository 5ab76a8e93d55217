package dev.arca.pki.store;

import dev.arca.pki.x509.Certificates;
import dev.arca.pki.x509.Pem;
import dev.arca.pki.x509.Serials;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jspecify.annotations.Nullable;

/**
 * An issuer: a CA certificate of the mount, the key that signs for it (null when only the certificate
 * was imported), the chain above it, and its settings.
 *
 * @param chain the PEM certificates above this one, nearest first
 */
public record Issuer(String id, String name, @Nullable String keyId, X509CertificateHolder certificate, List<String> chain,
        String leafNotAfterBehavior, String usage, Instant created) {

    public Issuer {
        chain = List.copyOf(chain);
    }

    public String pem() {
        return Pem.certificate(certificate);
    }

    public String serial() {
        return Serials.format(certificate.getSerialNumber());
    }

    public Instant notAfter() {
        return Certificates.notAfter(certificate);
    }

    /** This certificate and the chain above it: Vault's {@code ca_chain}. */
    public List<String> fullChain() {
        List<String> all = new ArrayList<>(chain.size() + 1);
        all.add(pem());
        all.addAll(chain);
        return all;
    }

    public Issuer withName(String newName) {
        return new Issuer(id, newName, keyId, certificate, chain, leafNotAfterBehavior, usage, created);
    }

    public Issuer withSettings(String newName, String behavior, String newUsage) {
        return new Issuer(id, newName, keyId, certificate, chain, behavior, newUsage, created);
    }
}
