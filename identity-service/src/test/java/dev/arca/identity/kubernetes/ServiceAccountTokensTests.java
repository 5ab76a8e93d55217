package dev.arca.identity.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local verification of service account tokens: signatures by RSA and EC keys, issuer, expiry and both claim layouts. */
class ServiceAccountTokensTests {

    private static final KeyPair RSA = generate("RSA");
    private static final KeyPair EC = generate("EC");
    private static final KubernetesConfig NO_ISS = new KubernetesConfig("https://k8s", "", List.of(), "", true, true);
    private static final Instant NOW = Instant.now();

    private static KeyPair generate(String algorithm) {
        try {
            return algorithm.equals("EC") ? new ECKeyGenerator(Curve.P_256).generate().toKeyPair()
                    : new RSAKeyGenerator(2048).generate().toKeyPair();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder projected(String ns, String name) {
        return new JWTClaimsSet.Builder().issuer("https://kubernetes.default.svc").audience(List.of("vault", "https://arca"))
                .expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("kubernetes.io", Map.of("namespace", ns, "serviceaccount", Map.of("name", name, "uid", "uid-1")));
    }

    private static String sign(JWTClaimsSet claims, JWSSigner signer, JWSAlgorithm alg) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(JWTClaimsSet claims) {
        return sign(claims, new RSASSASigner(RSA.getPrivate()), JWSAlgorithm.RS256);
    }

    private static String pem(PublicKey k) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(k.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void projectedAndLegacyClaimsNameTheServiceAccount() {
        ServiceAccount p = ServiceAccountTokens.verify(rs256(projected("prod", "app").build()), List.of(), NO_ISS, NOW);
        assertThat(p).isEqualTo(new ServiceAccount("app", "prod", "uid-1", "", List.of("vault", "https://arca")));
        String legacy = rs256(new JWTClaimsSet.Builder().issuer("kubernetes/serviceaccount")
                .claim("kubernetes.io/serviceaccount/namespace", "ops").claim("kubernetes.io/serviceaccount/secret.name", "ci-token-abc")
                .claim("kubernetes.io/serviceaccount/service-account.name", "ci")
                .claim("kubernetes.io/serviceaccount/service-account.uid", "uid-2").build());
        ServiceAccount l = ServiceAccountTokens.verify(legacy, List.of(), NO_ISS, NOW);
        assertThat(l.metadata()).containsEntry("service_account_secret_name", "ci-token-abc").containsEntry("service_account_namespace", "ops")
                .containsEntry("service_account_name", "ci").containsEntry("service_account_uid", "uid-2");
        assertThatThrownBy(() -> ServiceAccountTokens.verify(rs256(new JWTClaimsSet.Builder().subject("x").build()), List.of(), NO_ISS, NOW))
                .isInstanceOf(ServiceAccountTokens.Refused.class);
    }

    @Test
    void signaturesAreCheckedAgainstEveryConfiguredKey() throws JOSEException {
        List<PublicKey> keys = PemKeys.parse(List.of(pem(EC.getPublic()), pem(RSA.getPublic())));
        JWTClaimsSet claims = projected("prod", "app").build();
        assertThat(ServiceAccountTokens.verify(rs256(claims), keys, NO_ISS, NOW).name()).isEqualTo("app");
        String es256 = sign(claims, new ECDSASigner((ECPrivateKey) EC.getPrivate()), JWSAlgorithm.ES256);
        assertThat(ServiceAccountTokens.verify(es256, keys, NO_ISS, NOW).name()).isEqualTo("app");
        String other = sign(claims, new RSASSASigner(generate("RSA").getPrivate()), JWSAlgorithm.RS256);
        assertThatThrownBy(() -> ServiceAccountTokens.verify(other, keys, NO_ISS, NOW)).isInstanceOf(ServiceAccountTokens.Refused.class);
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
        assertThatThrownBy(() -> ServiceAccountTokens.verify(unsigned, keys, NO_ISS, NOW)).isInstanceOf(ServiceAccountTokens.Refused.class);
        String tampered = rs256(claims).replaceFirst("\\.[^.]+\\.", "." + rs256(projected("prod", "admin").build()).split("\\.")[1] + ".");
        assertThatThrownBy(() -> ServiceAccountTokens.verify(tampered, keys, NO_ISS, NOW)).isInstanceOf(ServiceAccountTokens.Refused.class);
    }

    @Test
    void expiryAndNotBeforeAllowAMinutesLeewayAndTheIssuerIsCheckedWhenAsked() {
        String expired = rs256(projected("prod", "app").expirationTime(Date.from(NOW.minusSeconds(61))).build());
        assertThatThrownBy(() -> ServiceAccountTokens.verify(expired, List.of(), NO_ISS, NOW)).hasMessage("token is expired");
        String justExpired = rs256(projected("prod", "app").expirationTime(Date.from(NOW.minusSeconds(30))).build());
        assertThat(ServiceAccountTokens.verify(justExpired, List.of(), NO_ISS, NOW).name()).isEqualTo("app");
        String future = rs256(projected("prod", "app").notBeforeTime(Date.from(NOW.plusSeconds(120))).build());
        assertThatThrownBy(() -> ServiceAccountTokens.verify(future, List.of(), NO_ISS, NOW)).hasMessage("token not valid yet");

        KubernetesConfig checked = new KubernetesConfig("https://k8s", "", List.of(), "https://kubernetes.default.svc", false, true);
        assertThat(ServiceAccountTokens.verify(rs256(projected("prod", "app").build()), List.of(), checked, NOW).name()).isEqualTo("app");
        String otherIss = rs256(projected("prod", "app").issuer("https://elsewhere").build());
        assertThatThrownBy(() -> ServiceAccountTokens.verify(otherIss, List.of(), checked, NOW)).hasMessage("invalid issuer (iss) claim");
        KubernetesConfig defaultIss = new KubernetesConfig("https://k8s", "", List.of(), "", false, true);
        assertThatThrownBy(() -> ServiceAccountTokens.verify(rs256(projected("prod", "app").build()), List.of(), defaultIss, NOW))
                .as("the default issuer is kubernetes/serviceaccount").isInstanceOf(ServiceAccountTokens.Refused.class);
    }

    @Test
    void pemKeysRefuseWhatHoldsNoRsaOrEcKey() {
        assertThatThrownBy(() -> PemKeys.parse(List.of("nonsense"))).hasMessage(PemKeys.INVALID);
        assertThatThrownBy(() -> PemKeys.parse(List.of("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")))
                .hasMessage(PemKeys.INVALID);
        assertThat(PemKeys.parse(List.of(pem(RSA.getPublic())))).containsExactly(RSA.getPublic());
    }
}
