package dev.arca.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public listener's TLS settings beyond Spring Boot's {@code server.ssl.*} ({@code arca.tls.*}).
 *
 * @param disableClientCerts do not ask callers for a client certificate (Vault's {@code tls_disable_client_certs})
 */
@ConfigurationProperties("arca.tls")
public record TlsProperties(@DefaultValue("false") boolean disableClientCerts) {
}
