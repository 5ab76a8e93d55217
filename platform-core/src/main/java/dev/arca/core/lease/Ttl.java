package dev.arca.core.lease;

import dev.arca.core.api.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * Vault's TTL rule, one pure function for tokens and leases: from the requested TTL (or renewal
 * increment), the role's TTLs, the mount's tune ({@code default_lease_ttl}, {@code max_lease_ttl}),
 * the system default and maximum, an explicit maximum, a period, and the parent token's expiry, it
 * gives the effective TTL, the expiry time and Vault's warnings.
 *
 * <p>The default TTL is the role's, else the mount's, else the system's; the maximum is the mount's
 * (else the system's), lowered by the role's. A maximum counts from the issue time, so a renewal can
 * never take a lease past {@code issue time + max}. A period replaces both the TTL and the maximum
 * (periodic tokens); an explicit maximum still applies. Nothing outlives its parent token.
 */
public final class Ttl {

    /** Vault's system default TTL ({@code default_lease_ttl} of the server config): 768h. */
    public static final long SYSTEM_DEFAULT = 768 * 3600;
    /** Vault's system maximum TTL ({@code max_lease_ttl} of the server config): 768h. */
    public static final long SYSTEM_MAX = 768 * 3600;

    private Ttl() {
    }

    /**
     * Everything that bounds a TTL, in seconds; 0 means "not set" except for {@code systemDefault},
     * where 0 means "never expires" (a root token made by root).
     */
    public record Limits(long systemDefault, long systemMax, long mountDefault, long mountMax, long roleTtl,
            long roleMaxTtl, long explicitMax, long period) {

        /** The system's bounds only. */
        public static Limits system(long defaultTtl, long maxTtl) {
            return new Limits(defaultTtl, maxTtl, 0, 0, 0, 0, 0, 0);
        }

        /** The mount's tune, as the request context carries it. */
        public Limits mount(long defaultTtl, long maxTtl) {
            return new Limits(systemDefault, systemMax, defaultTtl, maxTtl, roleTtl, roleMaxTtl, explicitMax, period);
        }

        /** An engine role's {@code ttl} and {@code max_ttl}. */
        public Limits role(long ttl, long maxTtl) {
            return new Limits(systemDefault, systemMax, mountDefault, mountMax, ttl, maxTtl, explicitMax, period);
        }

        public Limits explicitMax(long seconds) {
            return new Limits(systemDefault, systemMax, mountDefault, mountMax, roleTtl, roleMaxTtl, seconds, period);
        }

        public Limits period(long seconds) {
            return new Limits(systemDefault, systemMax, mountDefault, mountMax, roleTtl, roleMaxTtl, explicitMax, seconds);
        }

        /** The TTL used when none is requested: the role's, else the mount's, else the system's. */
        public long defaultTtl() {
            return roleTtl > 0 ? roleTtl : mountDefault > 0 ? mountDefault : systemDefault;
        }

        /** The longest life counted from the issue time: the mount's (else the system's), lowered by the role's. */
        public long maxTtl() {
            long max = mountMax > 0 ? mountMax : systemMax;
            return roleMaxTtl > 0 && (max == 0 || roleMaxTtl < max) ? roleMaxTtl : max;
        }
    }

    /**
     * The outcome.
     *
     * @param ttl      seconds granted, 0 meaning "never expires" on issue
     * @param expireMs when it ends (epoch milliseconds), 0 for never
     * @param warnings Vault's warnings about what was capped
     */
    public record Result(long ttl, long expireMs, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The TTL of something issued now.
     *
     * @param requested      the TTL asked for, 0 for the default
     * @param parentExpireMs the parent token's expiry, 0 when there is none or it never expires
     */
    public static Result issue(long requested, Limits limits, long nowMs, long parentExpireMs) {
        List<String> warnings = new ArrayList<>();
        long ttl;
        if (limits.period() > 0) {
            ttl = limits.period();
        } else {
            ttl = requested > 0 ? requested : limits.defaultTtl();
            long max = limits.maxTtl();
            if (max > 0 && ttl > max) {
                warnings.add(capped(ttl, max));
                ttl = max;
            }
        }
        long explicitMax = limits.explicitMax();
        if (explicitMax > 0 && (ttl == 0 || ttl > explicitMax)) {
            if (ttl > explicitMax) {
                warnings.add("Explicit max TTL of \"" + Durations.format(explicitMax) + "\" is less than system/mount "
                        + "specified max TTL; TTL value is capped accordingly");
            }
            ttl = explicitMax;
        }
        return bounded(ttl, ttl == 0 ? 0 : nowMs + ttl * 1000, nowMs, parentExpireMs, warnings);
    }

    /**
     * The TTL of a renewal now of something issued at {@code issuedMs}.
     *
     * @param increment      the TTL asked for, 0 for the default
     * @param parentExpireMs the parent token's expiry, 0 when there is none or it never expires
     */
    public static Result renew(long increment, Limits limits, long issuedMs, long nowMs, long parentExpireMs) {
        List<String> warnings = new ArrayList<>();
        long elapsed = Math.max(0, (nowMs - issuedMs) / 1000);
        long asked = increment > 0 ? increment : limits.defaultTtl();
        long ttl = limits.period() > 0 ? limits.period() : asked;
        long max = limits.maxTtl();
        if (limits.period() == 0 && max > 0 && ttl > max - elapsed) {
            ttl = Math.max(0, max - elapsed);
            warnings.add(capped(asked, ttl));
        }
        long explicitMax = limits.explicitMax();
        if (explicitMax > 0 && ttl > explicitMax - elapsed) {
            ttl = Math.max(0, explicitMax - elapsed);
        }
        // a renewal capped to nothing ends now, it does not become endless
        return bounded(ttl, nowMs + ttl * 1000, nowMs, parentExpireMs, warnings);
    }

    private static Result bounded(long ttl, long expireMs, long nowMs, long parentExpireMs, List<String> warnings) {
        if (parentExpireMs > 0 && (expireMs == 0 || expireMs > parentExpireMs)) {
            // nothing outlives its parent token
            expireMs = parentExpireMs;
            ttl = Math.max(0, (parentExpireMs - nowMs) / 1000);
        }
        return new Result(ttl, expireMs, warnings);
    }

    private static String capped(long asked, long max) {
        return "TTL of \"" + Durations.format(asked) + "\" exceeded the effective max_ttl of \"" + Durations.format(max)
                + "\"; TTL value is capped accordingly";
    }
}
