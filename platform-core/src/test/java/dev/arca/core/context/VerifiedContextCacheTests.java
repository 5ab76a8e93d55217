package dev.arca.core.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

class VerifiedContextCacheTests {

    private final KeyPair keys = ContextKeys.generate();
    private final ContextSigner signer = new ContextSigner((ECPrivateKey) keys.getPrivate());
    private final RequestContext ctx = new RequestContext("req-1", "read", "secret/data/a", "secret/", "kv_1", "kv",
            Map.of("version", "2"), "acc", "", "token", List.of("default"), "127.0.0.1");

    @Test
    void aContextVerifiedOnceIsServedFromTheCacheWithTheSameClaims() {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder real = ContextDecoder.forService((ECPublicKey) keys.getPublic(), "kv");
        VerifiedContextCache cache = new VerifiedContextCache(token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        });
        String token = signer.sign(ctx, List.of("audit", "kv"));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(ContextDecoder.read(second)).isEqualTo(ctx).isEqualTo(ContextDecoder.read(first));
    }

    @Test
    void contextsSignedWithTheJdkProviderVerifyAndViceVersa() throws Exception {
        // a gateway and a service on different platforms may use different providers for ES256
        com.nimbusds.jose.crypto.ECDSASigner jdkSigner = new com.nimbusds.jose.crypto.ECDSASigner((ECPrivateKey) keys.getPrivate());
        com.nimbusds.jwt.SignedJWT jdkSigned = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                com.nimbusds.jwt.JWTClaimsSet.parse(com.nimbusds.jwt.SignedJWT.parse(signer.sign(ctx, List.of("kv"))).getJWTClaimsSet().toJSONObject()));
        jdkSigned.sign(jdkSigner);
        assertThat(ContextDecoder.read(ContextDecoder.forService((ECPublicKey) keys.getPublic(), "kv").decode(jdkSigned.serialize())))
                .isEqualTo(ctx);

        com.nimbusds.jwt.SignedJWT ours = com.nimbusds.jwt.SignedJWT.parse(signer.sign(ctx, List.of("kv")));
        assertThat(ours.verify(new com.nimbusds.jose.crypto.ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
    }

    @Test
    void rejectedContextsAreNeverRemembered() {
        AtomicInteger verifications = new AtomicInteger();
        JwtDecoder real = ContextDecoder.forService((ECPublicKey) keys.getPublic(), "kv");
        VerifiedContextCache kv = new VerifiedContextCache(token -> {
            verifications.incrementAndGet();
            return real.decode(token);
        });
        String forAudit = signer.sign(ctx, List.of("audit"));
        assertThatThrownBy(() -> kv.decode(forAudit)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> kv.decode(forAudit)).isInstanceOf(JwtException.class);

        String tampered = signer.sign(ctx, List.of("kv"));
        String bad = tampered.substring(0, tampered.lastIndexOf('.') + 1) + "AAAA" + tampered.substring(tampered.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> kv.decode(bad)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> kv.decode(bad)).isInstanceOf(JwtException.class);

        assertThat(verifications).as("every attempt verified in full").hasValue(4);
    }

    @Test
    void anExpiredEntryIsCheckedAgain() {
        AtomicInteger verifications = new AtomicInteger();
        Jwt expired = Jwt.withTokenValue("t").header("alg", "ES256").claim("jti", "x")
                .issuedAt(Instant.now().minusSeconds(120)).expiresAt(Instant.now().minusSeconds(1)).build();
        VerifiedContextCache cache = new VerifiedContextCache(token -> {
            verifications.incrementAndGet();
            return expired;
        });
        cache.decode("t");
        cache.decode("t");
        assertThat(verifications).hasValue(2);
    }
}
