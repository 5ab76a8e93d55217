package dev.arca.gateway.edge;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TLS client certificates on the public port, as Vault's listener takes them by default
 * ({@code tls_require_and_verify_client_cert = false}): the listener asks for one and does not require
 * it, and accepts any chain at the TLS layer (the handshake still proves the client holds the leaf's
 * key); the {@code cert} auth method verifies the chain against its own trusted certificates. The
 * chain reaches services in the request context. {@code arca.tls.disable-client-certs=true}
 * ({@code tls_disable_client_certs} in the server config) stops asking.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class ClientCertificates {

    /** At most this many certificates of a presented chain are passed on. */
    static final int MAX_CHAIN = 10;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestClientCertificates(TlsProperties tls) {
        TomcatConnectorCustomizer ask = connector -> {
            for (SSLHostConfig host : connector.findSslHostConfigs()) {
                host.setCertificateVerification("optional");
                host.setTrustManagerClassName(UnverifiedClientCertificates.class.getName());
            }
        };
        return factory -> {
            if (!tls.disableClientCerts()) {
                factory.addConnectorCustomizers(ask);
            }
        };
    }

    /** The chain the caller presented on this connection, leaf first, each base64 DER; empty when none. */
    public static List<String> of(HttpServletRequest request) {
        if (!(request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chain.length && i < MAX_CHAIN; i++) {
            try {
                out.add(Base64.getEncoder().encodeToString(chain[i].getEncoded()));
            } catch (CertificateEncodingException e) {
                return List.of();
            }
        }
        return out;
    }
}
