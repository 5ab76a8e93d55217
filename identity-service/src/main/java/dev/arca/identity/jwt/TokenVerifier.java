package dev.arca.identity.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.identity.jwt.Claims.Refused;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a JWT as Vault's login does: an allowed algorithm, a signature by one of the mount's keys
 * (the key the header's {@code kid} names, fetching the key set again when it is unknown; any key of
 * the right type without a {@code kid}), then the issuer, the time claims with the role's leeways, the
 * audience and the subject.
 */
final class TokenVerifier {

    private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

    private TokenVerifier() {
    }

    /** The claims of a token whose signature verifies, as JSON. */
    static JsonNode verifySignature(String token, JWKSource<SecurityContext> keys, List<String> algorithms, JsonMapper json) throws Refused {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new Refused("token is not a signed JWT");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!algorithms.contains(alg.getName())) {
            throw new Refused("token signed with an algorithm the mount does not accept");
        }
        String kid = jwt.getHeader().getKeyID();
        List<JWK> candidates;
        try {
            // With a kid, the source fetches the set again when it holds no such key; static keys have no ids and are all tried.
            candidates = keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(kid).build()), null);
            if (candidates.isEmpty() && kid != null) {
                candidates = keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).stream()
                        .filter(k -> k.getKeyID() == null).toList();
            }
        } catch (KeySourceException e) {
            throw new Refused("keys could not be fetched");
        }
        for (JWK key : candidates) {
            if (KeySets.fits(alg, key) && verifies(jwt, key)) {
                try {
                    return json.readTree(jwt.getPayload().toString());
                } catch (RuntimeException e) {
                    throw new Refused("claims are not a JSON object");
                }
            }
        }
        throw new Refused("no key verifies the signature");
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            JWSVerifier v = VERIFIERS.createJWSVerifier(jwt.getHeader(), ((AsymmetricJWK) key).toPublicKey());
            return jwt.verify(v);
        } catch (JOSEException | ClassCastException e) {
            return false;
        }
    }

    /** The registered claims: issuer (when bound), expiry (required), not-before, issued-at, audience and subject. */
    static void checkClaims(JsonNode claims, JwtRole role, String boundIssuer, Instant now) throws Refused {
        if (!claims.isObject()) {
            throw new Refused("claims are not a JSON object");
        }
        if (!boundIssuer.isEmpty() && !boundIssuer.equals(claims.path("iss").asString(""))) {
            throw new Refused("invalid issuer (iss) claim");
        }
        long skew = JwtRole.leeway(role.clockSkewLeeway(), 60);
        long t = now.getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new Refused("exp claim is required");
        }
        if (t - JwtRole.leeway(role.expirationLeeway(), 150) - skew >= exp.asLong()) {
            throw new Refused("token is expired (exp)");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || t + JwtRole.leeway(role.notBeforeLeeway(), 150) + skew < nbf.asLong())) {
            throw new Refused("token not valid yet (nbf)");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && (!iat.isNumber() || t + skew < iat.asLong())) {
            throw new Refused("token issued in the future (iat)");
        }
        JsonNode aud = claims.get("aud");
        List<String> audiences = aud == null ? List.of() : aud.isArray() ? aud.valueStream().map(a -> a.asString("")).toList()
                : List.of(aud.asString(""));
        if (!role.boundAudiences().isEmpty()) {
            if (audiences.stream().noneMatch(role.boundAudiences()::contains)) {
                throw new Refused("invalid audience (aud) claim: audience claim does not match any expected audience");
            }
        } else if (!audiences.isEmpty() && role.roleType().equals(JwtRole.JWT)) {
            throw new Refused("audience claim found in JWT but no audiences bound to the role");
        }
        if (!role.boundSubject().isEmpty() && !role.boundSubject().equals(claims.path("sub").asString(""))) {
            throw new Refused("sub claim does not match bound subject");
        }
    }
}
