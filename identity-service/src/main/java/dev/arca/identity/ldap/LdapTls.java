package dev.arca.identity.ldap;

import com.unboundid.util.ssl.TrustAllTrustManager;
import dev.arca.core.api.VaultException;
import dev.arca.identity.login.PemTrust;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jspecify.annotations.Nullable;

/**
 * The TLS of a mount's connections: the server's certificate checked against {@code certificate}
 * (else the JVM's trusted CAs), or not at all with {@code insecure_tls}; the client certificate
 * presented when one is configured.
 */
final class LdapTls {

    private static final char[] NO_PASSWORD = new char[0];

    private LdapTls() {
    }

    static SSLContext context(LdapConfig cfg, LdapConfigStore.Secrets secrets) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(cfg.clientTlsCert(), secrets.clientTlsKey()), trustManagers(cfg), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** Certificates in PEM: one or more, else a 400. */
    static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = PemTrust.certificates(pem);
        if (out.isEmpty()) {
            throw VaultException.badRequest("failed to parse certificate");
        }
        return out;
    }

    /** A private key in PEM (PKCS#8, PKCS#1 or SEC 1), else a 400 that does not echo it. */
    static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            // the same answer as no key
        }
        throw VaultException.badRequest("failed to parse client_tls_key");
    }

    private static TrustManager @Nullable [] trustManagers(LdapConfig cfg) throws GeneralSecurityException {
        if (cfg.insecureTls()) {
            return new TrustManager[] {new TrustAllTrustManager()};
        }
        if (cfg.certificate().isBlank()) {
            return null;
        }
        return PemTrust.trustManagers(certificates(cfg.certificate()));
    }

    private static KeyManager @Nullable [] keyManagers(String certPem, String keyPem) throws GeneralSecurityException {
        if (certPem.isBlank() || keyPem.isBlank()) {
            return null;
        }
        KeyStore store = emptyStore();
        store.setKeyEntry("client", privateKey(keyPem), NO_PASSWORD, certificates(certPem).toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, NO_PASSWORD);
        return kmf.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }
}
