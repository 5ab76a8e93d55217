package dev.arca.core.context;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the decoder that accepts only ES256 contexts signed by the gateway for this service. Verified
 * contexts are remembered until they expire ({@link VerifiedContextCache}).
 */
public final class ContextDecoder {

    private ContextDecoder() {
    }

    public static JwtDecoder forService(ECPublicKey gatewayKey, String serviceName) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        ECKey jwk = new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, gatewayKey).build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(new JWKSet(jwk))));
        processor.setJWTClaimsSetVerifier((claims, c) -> { });
        if (ContextCrypto.provider() != null) {
            DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
            verifiers.getJCAContext().setProvider(ContextCrypto.provider());
            processor.setJWSVerifierFactory(verifiers);
        }
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // The issuer is a plain name: the default converter would try (and fail, with an exception) to
        // read it as a URL on every call.
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, iss -> iss == null ? null : iss.toString())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(ContextClaims.ISSUER),
                (Jwt jwt) -> {
                    List<String> aud = jwt.getAudience();
                    return aud != null && aud.contains(serviceName)
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "context not issued for this service", null));
                }));
        return new VerifiedContextCache(decoder);
    }

    /** Reads the context out of a verified JWT. */
    public static RequestContext read(Jwt jwt) {
        return ContextClaims.read(jwt.getClaims());
    }
}
