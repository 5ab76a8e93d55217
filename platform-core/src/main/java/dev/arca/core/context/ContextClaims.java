package dev.arca.core.context;

import java.util.List;
import java.util.Map;

/** Claim names of the signed request context; short because the JWT travels with every internal call. */
final class ContextClaims {

    static final String ISSUER = "arca-gateway";
    static final String OPERATION = "op";
    static final String PATH = "path";
    static final String MOUNT_PATH = "mnt";
    static final String MOUNT_ACCESSOR = "macc";
    static final String MOUNT_TYPE = "mty";
    static final String MOUNT_OPTIONS = "mopt";
    static final String TOKEN_ACCESSOR = "tacc";
    static final String ENTITY = "eid";
    static final String DISPLAY_NAME = "dn";
    static final String POLICIES = "pol";
    static final String CLIENT = "cip";
    static final String DEFAULT_TTL = "dttl";
    static final String MAX_TTL = "mttl";
    static final String WRITE_LIMIT = "wl";
    static final String CLIENT_CERTIFICATES = "ccrt";

    private ContextClaims() {
    }

    @SuppressWarnings("unchecked")
    static RequestContext read(Map<String, Object> claims) {
        Object opts = claims.getOrDefault(MOUNT_OPTIONS, Map.of());
        Object pols = claims.getOrDefault(POLICIES, List.of());
        Object certs = claims.getOrDefault(CLIENT_CERTIFICATES, List.of());
        return new RequestContext(
                str(claims, "jti"), str(claims, OPERATION), str(claims, PATH), str(claims, MOUNT_PATH),
                str(claims, MOUNT_ACCESSOR), str(claims, MOUNT_TYPE), (Map<String, String>) opts,
                str(claims, TOKEN_ACCESSOR), str(claims, ENTITY), str(claims, DISPLAY_NAME),
                ((List<?>) pols).stream().map(String::valueOf).toList(), str(claims, CLIENT), num(claims, DEFAULT_TTL),
                num(claims, MAX_TTL), str(claims, WRITE_LIMIT), ((List<?>) certs).stream().map(String::valueOf).toList());
    }

    private static long num(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static String str(Map<String, Object> claims, String name) {
        Object v = claims.get(name);
        return v == null ? "" : v.toString();
    }
}
