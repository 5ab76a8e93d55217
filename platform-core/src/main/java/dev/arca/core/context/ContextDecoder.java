package dev.arca.core.context;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Builds the decoder that accepts only ES256 contexts signed by the gateway for this service. */
public final class ContextDecoder {

    private ContextDecoder() {
    }

    public static JwtDecoder forService(ECPublicKey gatewayKey, String serviceName) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        ECKey jwk = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, gatewayKey).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(jwk))));
        processor.setJWTClaimsSetVerifier((claims, c) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(ContextClaims.ISSUER),
                (Jwt jwt) -> {
                    List<String> aud = jwt.getAudience();
                    return aud != null && aud.contains(serviceName)
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "context not issued for this service", null));
                }));
        return decoder;
    }

    /** Reads the context out of a verified JWT. */
    public static RequestContext read(Jwt jwt) {
        return ContextClaims.read(jwt.getClaims());
    }
}
