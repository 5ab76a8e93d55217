package dev.arca.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TtlTests {

    private static final long NOW = 1_700_000_000_000L;
    private static final Ttl.Limits SYSTEM = Ttl.Limits.system(Ttl.SYSTEM_DEFAULT, Ttl.SYSTEM_MAX);

    @Test
    void theDefaultIsTheRolesElseTheMountsElseTheSystems() {
        assertThat(Ttl.issue(0, SYSTEM, NOW, 0).ttl()).isEqualTo(768 * 3600);
        assertThat(Ttl.issue(0, SYSTEM.mount(600, 0), NOW, 0).ttl()).isEqualTo(600);
        assertThat(Ttl.issue(0, SYSTEM.mount(600, 0).role(60, 0), NOW, 0).ttl()).isEqualTo(60);
        assertThat(Ttl.issue(90, SYSTEM.mount(600, 0).role(60, 0), NOW, 0).ttl()).as("asked for").isEqualTo(90);
        assertThat(Ttl.issue(90, SYSTEM, NOW, 0).expireMs()).isEqualTo(NOW + 90_000);
    }

    @Test
    void theMaximumIsTheMountsLoweredByTheRolesWithAWarning() {
        Ttl.Result mount = Ttl.issue(7200, SYSTEM.mount(0, 3600), NOW, 0);
        assertThat(mount.ttl()).isEqualTo(3600);
        assertThat(mount.warnings()).containsExactly(
                "TTL of \"2h0m0s\" exceeded the effective max_ttl of \"1h0m0s\"; TTL value is capped accordingly");
        assertThat(Ttl.issue(7200, SYSTEM.mount(0, 3600).role(0, 1800), NOW, 0).ttl()).isEqualTo(1800);
        assertThat(Ttl.issue(7200, SYSTEM.mount(0, 3600).role(0, 9000), NOW, 0).ttl())
                .as("a role cannot raise the mount's maximum").isEqualTo(3600);
        assertThat(Ttl.issue(0, SYSTEM.mount(7200, 3600), NOW, 0).ttl()).as("a default above the maximum").isEqualTo(3600);
        assertThat(Ttl.issue(60, SYSTEM, NOW, 0).warnings()).isEmpty();
    }

    @Test
    void anExplicitMaximumCapsAndAPeriodReplacesTheTtl() {
        Ttl.Result explicit = Ttl.issue(3600, SYSTEM.explicitMax(600), NOW, 0);
        assertThat(explicit.ttl()).isEqualTo(600);
        assertThat(explicit.warnings()).singleElement().asString().startsWith("Explicit max TTL of \"10m0s\"");
        assertThat(Ttl.issue(0, Ttl.Limits.system(0, Ttl.SYSTEM_MAX).explicitMax(600), NOW, 0).ttl())
                .as("no expiry becomes the explicit maximum").isEqualTo(600);
        assertThat(Ttl.issue(60, SYSTEM.period(999_999_999), NOW, 0).ttl()).as("a period is not capped by max").isEqualTo(999_999_999);
    }

    @Test
    void nothingOutlivesItsParentAndZeroMeansNeverOnIssue() {
        Ttl.Result child = Ttl.issue(3600, SYSTEM, NOW, NOW + 120_000);
        assertThat(child.ttl()).isEqualTo(120);
        assertThat(child.expireMs()).isEqualTo(NOW + 120_000);
        Ttl.Result never = Ttl.issue(0, Ttl.Limits.system(0, Ttl.SYSTEM_MAX), NOW, 0);
        assertThat(never.ttl()).isZero();
        assertThat(never.expireMs()).isZero();
        assertThat(Ttl.issue(0, Ttl.Limits.system(0, Ttl.SYSTEM_MAX), NOW, NOW + 5_000).expireMs()).isEqualTo(NOW + 5_000);
    }

    @Test
    void aRenewalCountsTheMaximumFromTheIssueTime() {
        Ttl.Limits limits = SYSTEM.mount(0, 3600);
        long issued = NOW - 3000_000;
        Ttl.Result r = Ttl.renew(1800, limits, issued, NOW, 0);
        assertThat(r.ttl()).isEqualTo(600);
        assertThat(r.expireMs()).isEqualTo(NOW + 600_000);
        assertThat(r.warnings()).containsExactly(
                "TTL of \"30m0s\" exceeded the effective max_ttl of \"10m0s\"; TTL value is capped accordingly");
        assertThat(Ttl.renew(300, limits, issued, NOW, 0).warnings()).isEmpty();
        assertThat(Ttl.renew(0, limits.mount(120, 3600), issued, NOW, 0).ttl()).as("the default increment").isEqualTo(120);

        Ttl.Result past = Ttl.renew(60, limits, NOW - 4000_000, NOW, 0);
        assertThat(past.ttl()).isZero();
        assertThat(past.expireMs()).as("capped to nothing ends now, not never").isEqualTo(NOW);
        assertThat(Ttl.renew(600, SYSTEM.explicitMax(700), NOW - 300_000, NOW, 0).ttl()).isEqualTo(400);
        assertThat(Ttl.renew(600, SYSTEM.period(900), issued, NOW, 0).ttl()).isEqualTo(900);
        assertThat(Ttl.renew(600, SYSTEM, issued, NOW, NOW + 10_000).ttl()).isEqualTo(10);
    }
}
