package dev.arca.identity.login;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * CA certificates that auth methods are configured with in PEM (a certificate entry, an identity
 * provider's, an API server's or a directory's CA): reading them, and TLS that trusts exactly them.
 * Each method answers a PEM it cannot use with its own Vault error text.
 */
public final class PemTrust {

    private PemTrust() {
    }

    /** The X.509 certificates of a PEM text, in order; empty when it holds none or cannot be read. */
    public static List<X509Certificate> certificates(String pem) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of();
        }
    }

    /** Trust managers that trust exactly these certificates. */
    public static TrustManager[] trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("an empty key store cannot be made", e);
        }
        for (int i = 0; i < cas.size(); i++) {
            store.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    /** A TLS context that trusts exactly these certificates. */
    public static SSLContext trusting(List<X509Certificate> cas) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(cas), null);
        return ctx;
    }
}
