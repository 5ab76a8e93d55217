package dev.arca.core.context;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs a {@link RequestContext} for the services named as audience. Held by the gateway only (and by
 * tests standing in for it); the context lives for {@link #LIFETIME}.
 */
public final class ContextSigner {

    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final ECDSASigner signer;
    private final JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);

    public ContextSigner(ECPrivateKey key) {
        try {
            this.signer = new ECDSASigner(key);
            if (ContextCrypto.provider() != null) {
                signer.getJCAContext().setProvider(ContextCrypto.provider());
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("invalid context signing key", e);
        }
    }

    public String sign(RequestContext ctx, List<String> audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ContextClaims.ISSUER)
                .jwtID(ctx.requestId())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim(ContextClaims.OPERATION, ctx.operation())
                .claim(ContextClaims.PATH, ctx.path())
                .claim(ContextClaims.MOUNT_PATH, ctx.mountPath())
                .claim(ContextClaims.MOUNT_ACCESSOR, ctx.mountAccessor())
                .claim(ContextClaims.MOUNT_TYPE, ctx.mountType())
                .claim(ContextClaims.MOUNT_OPTIONS, ctx.mountOptions())
                .claim(ContextClaims.TOKEN_ACCESSOR, ctx.tokenAccessor())
                .claim(ContextClaims.ENTITY, ctx.entityId())
                .claim(ContextClaims.DISPLAY_NAME, ctx.displayName())
                .claim(ContextClaims.POLICIES, ctx.policies())
                .claim(ContextClaims.CLIENT, ctx.clientAddress())
                .claim(ContextClaims.DEFAULT_TTL, ctx.defaultLeaseTtl())
                .claim(ContextClaims.MAX_TTL, ctx.maxLeaseTtl())
                .claim(ContextClaims.WRITE_LIMIT, ctx.writeLimit());
        if (!ctx.clientCertificates().isEmpty()) {
            // only on calls from a connection that presented one: most contexts stay as small as before
            builder.claim(ContextClaims.CLIENT_CERTIFICATES, ctx.clientCertificates());
        }
        JWTClaimsSet claims = builder.build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign request context", e);
        }
    }
}
