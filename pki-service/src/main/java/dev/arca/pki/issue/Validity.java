package dev.arca.pki.issue;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.lease.Ttl;
import dev.arca.pki.roles.Role;
import dev.arca.pki.store.Issuer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A certificate's validity as Vault computes it: the requested TTL, else the role's, else the mount's
 * default; capped at the role's max TTL, else the mount's; {@code not_after} instead of a TTL; and the
 * issuer's expiry, which a leaf may not outlive unless the issuer's {@code leaf_not_after_behavior} says so.
 */
public record Validity(Instant notBefore, Instant notAfter) {

    public static Validity of(BackendRequest r, long roleTtl, long roleMaxTtl, String roleNotAfter, long notBeforeDuration,
            @Nullable Issuer issuer) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long mountDefault = r.context().defaultLeaseTtl() > 0 ? r.context().defaultLeaseTtl() : Ttl.SYSTEM_DEFAULT;
        long mountMax = r.context().maxLeaseTtl() > 0 ? r.context().maxLeaseTtl() : Ttl.SYSTEM_MAX;
        Long requested = r.fields().duration("ttl");
        long ttl = requested != null && requested > 0 ? requested : roleTtl > 0 ? roleTtl : mountDefault;
        long max = roleMaxTtl > 0 ? roleMaxTtl : mountMax;
        ttl = Math.min(ttl, max);
        String notAfterText = r.fields().string("not_after");
        if (notAfterText.isEmpty()) {
            notAfterText = roleNotAfter;
        }
        Instant notAfter = notAfterText.isEmpty() ? now.plusSeconds(ttl) : Role.parseTime(notAfterText, "not_after");
        if (issuer != null && notAfter.isAfter(issuer.notAfter())) {
            switch (issuer.leafNotAfterBehavior()) {
                case "truncate" -> notAfter = issuer.notAfter();
                case "permit" -> { }
                default -> throw VaultException.badRequest("cannot satisfy request, as TTL would result in notAfter of " + notAfter
                        + " that is beyond the expiration of the CA certificate at " + issuer.notAfter());
            }
        }
        Instant notBefore = now.minusSeconds(notBeforeDuration);
        if (!notAfter.isAfter(notBefore)) {
            throw VaultException.badRequest("the requested not_after is before the certificate's not_before");
        }
        return new Validity(notBefore, notAfter);
    }

    /** Seconds from now to NotAfter: the TTL of a lease on the certificate. */
    public long ttlSeconds() {
        return Math.max(1, notAfter.getEpochSecond() - Instant.now().getEpochSecond());
    }
}
