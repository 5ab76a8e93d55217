package dev.arca.gateway.token;

import java.util.List;

/**
 * Who is calling: what identity said about the token. {@code expireTime} is epoch seconds, 0 for never.
 * The token itself is kept only so that calls routed to identity can carry it. {@code lastUse}: this call
 * spends the token's last use; it is revoked when the call ends. {@code boundCidrs}: the client addresses the
 * token may be used from (empty for anywhere), checked on every call.
 */
public record Caller(String token, String accessor, List<String> policies, String entityId, String displayName,
        long expireTime, boolean lastUse, List<String> boundCidrs) {

    public Caller {
        policies = List.copyOf(policies);
        boundCidrs = List.copyOf(boundCidrs);
    }

    /** A caller whose token is usable from anywhere. */
    public Caller(String token, String accessor, List<String> policies, String entityId, String displayName, long expireTime,
            boolean lastUse) {
        this(token, accessor, policies, entityId, displayName, expireTime, lastUse, List.of());
    }

    @Override
    public String toString() {
        return "Caller[accessor=" + accessor + ", policies=" + policies + "]";
    }
}
