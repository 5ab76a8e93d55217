package dev.arca.identity.token;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Vault's JSON shapes for a token: the {@code auth} block and the lookup {@code data}. */
public final class TokenViews {

    private TokenViews() {
    }

    public static Map<String, Object> auth(String clientToken, TokenEntry e, long leaseDuration) {
        return auth(clientToken, e, leaseDuration, List.of());
    }

    /** The {@code auth} block of a login: {@code policies} are the token's and its entity's together. */
    public static Map<String, Object> auth(String clientToken, TokenEntry e, long leaseDuration, List<String> identityPolicies) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("client_token", clientToken);
        a.put("accessor", e.accessor());
        TreeSet<String> all = new TreeSet<>(e.policies());
        all.addAll(identityPolicies);
        a.put("policies", List.copyOf(all));
        a.put("token_policies", e.policies());
        if (!identityPolicies.isEmpty()) {
            a.put("identity_policies", identityPolicies);
        }
        a.put("metadata", e.meta());
        a.put("lease_duration", leaseDuration);
        a.put("renewable", e.renewable());
        a.put("entity_id", e.entityId());
        a.put("token_type", e.type());
        a.put("orphan", e.orphan());
        a.put("mfa_requirement", null);
        a.put("num_uses", Math.max(0, e.numUses()));
        return a;
    }

    static Map<String, Object> lookup(String id, TokenEntry e, long nowMs) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("accessor", e.accessor());
        if (!e.boundCidrs().isEmpty()) {
            d.put("bound_cidrs", e.boundCidrs());
        }
        d.put("creation_time", e.creationMs() / 1000);
        d.put("creation_ttl", e.creationTtl());
        d.put("display_name", e.displayName());
        d.put("entity_id", e.entityId());
        d.put("expire_time", e.expireMs() == 0 ? null : rfc3339(e.expireMs()));
        d.put("explicit_max_ttl", e.explicitMaxTtl());
        d.put("id", id);
        d.put("issue_time", rfc3339(e.creationMs()));
        if (e.lastRenewalMs() > 0) {
            d.put("last_renewal", rfc3339(e.lastRenewalMs()));
            d.put("last_renewal_time", e.lastRenewalMs() / 1000);
        }
        d.put("meta", e.meta());
        d.put("num_uses", Math.max(0, e.numUses()));
        d.put("orphan", e.orphan());
        d.put("path", e.path());
        if (e.period() > 0) {
            d.put("period", e.period());
        }
        d.put("policies", e.policies());
        d.put("renewable", e.renewable());
        d.put("ttl", e.ttlAt(nowMs));
        d.put("type", e.type());
        return d;
    }

    public static @Nullable String rfc3339(long epochMs) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC));
    }
}
