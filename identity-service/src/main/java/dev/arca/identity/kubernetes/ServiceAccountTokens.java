package dev.arca.identity.kubernetes;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Reads a service account token and checks what can be checked without the API server (Vault's
 * {@code parseAndValidateJWT}): the signature against the configured keys when there are any, the
 * issuer when its validation is on, expiry and not-before (a minute's leeway, as go-jose allows), and
 * that the claims name a service account. Without keys the signature is the API server's to check.
 */
final class ServiceAccountTokens {

    static final String DEFAULT_ISSUER = "kubernetes/serviceaccount";
    private static final long LEEWAY_SECONDS = 60;

    /** A token that must not log in; the reason is for debugging and never holds the token. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private ServiceAccountTokens() {
    }

    static ServiceAccount verify(String jwt, List<PublicKey> keys, KubernetesConfig config, Instant now) {
        SignedJWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = SignedJWT.parse(jwt);
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Refused("not a signed JWT");
        }
        if (!keys.isEmpty() && !signedByAny(parsed, keys)) {
            throw new Refused("signature not verified by any of pem_keys");
        }
        if (!config.disableIssValidation()) {
            String expected = config.issuer().isEmpty() ? DEFAULT_ISSUER : config.issuer();
            if (!expected.equals(claims.getIssuer())) {
                throw new Refused("invalid issuer (iss) claim");
            }
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && now.isAfter(exp.toInstant().plusSeconds(LEEWAY_SECONDS))) {
            throw new Refused("token is expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plusSeconds(LEEWAY_SECONDS).isBefore(nbf.toInstant())) {
            throw new Refused("token not valid yet");
        }
        ServiceAccount account = ServiceAccount.fromClaims(claims.getClaims(), claims.getAudience());
        if (account == null) {
            throw new Refused("token names no service account");
        }
        return account;
    }

    private static boolean signedByAny(SignedJWT jwt, List<PublicKey> keys) {
        for (PublicKey k : keys) {
            try {
                JWSVerifier v = k instanceof RSAPublicKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECPublicKey) k);
                if (v.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm()) && jwt.verify(v)) {
                    return true;
                }
            } catch (JOSEException e) {
                // a key of another kind or curve: try the next one
            }
        }
        return false;
    }
}
