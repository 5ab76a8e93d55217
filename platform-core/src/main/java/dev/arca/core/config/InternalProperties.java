package dev.arca.core.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services trust each other ({@code arca.internal.*}).
 *
 * @param role       {@code service} (default: requires a gateway-signed context on every call) or {@code gateway}
 * @param publicKey  the gateway's context verification key, base64 DER or PEM (services)
 * @param privateKey the gateway's context signing key, base64 PKCS#8 or PEM (gateway only)
 */
@ConfigurationProperties("arca.internal")
public record InternalProperties(@Nullable String role, @Nullable String publicKey, @Nullable String privateKey) {

    public boolean isGateway() {
        return "gateway".equals(role);
    }
}
