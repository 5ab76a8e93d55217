package dev.arca.gateway.token;

import java.util.List;

/**
 * Who is calling: what identity said about the token. {@code expireTime} is epoch seconds, 0 for never.
 * The token itself is kept only so that calls routed to identity can carry it. {@code lastUse}: this call
 * spends the token's last use; it is revoked when the call ends.
 */
public record Caller(String token, String accessor, List<String> policies, String entityId, String displayName,
        long expireTime, boolean lastUse) {

    public Caller {
        policies = List.copyOf(policies);
    }

    @Override
    public String toString() {
        return "Caller[accessor=" + accessor + ", policies=" + policies + "]";
    }
}
