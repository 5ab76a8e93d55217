package dev.arca.gateway.edge;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The public listener's trust manager for client certificates: any chain is let through the TLS
 * handshake, as Vault's listener does ({@code tls.RequestClientCert}); whatever authenticates with a
 * certificate verifies the chain itself. Tomcat creates it by class name.
 */
public final class UnverifiedClientCertificates implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // deliberately no check: see the class comment
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a client-side trust manager");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
