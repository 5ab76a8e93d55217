package dev.arca.core.backend;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.context.RequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call on a path family as its handler sees it: the gateway's context, the operation (create or
 * update already decided by the existence check), the typed fields, the raw body, and helpers for
 * Vault's response shapes.
 */
public final class BackendRequest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final byte[] NONE = new byte[0];

    /**
     * The request content types whose body is passed on as it is, never parsed as JSON: Vault's HTTP
     * layer does the same for DER OCSP requests ({@code POST <pki>/ocsp}).
     */
    public static final java.util.Set<String> RAW_BODY_TYPES = java.util.Set.of("application/ocsp-request");

    /**
     * The header in which the gateway passes the API path with its repeated slashes as the caller sent
     * them (each segment URL-encoded), when they differ from the path it routed and checked
     * ({@link RequestContext#path()}, where they are read as one).
     */
    public static final String RAW_PATH_HEADER = "X-Arca-Raw-Path";

    private final RequestContext context;
    private final Operation operation;
    private final String relativePath;
    private final FieldData fields;
    private final ObjectNode body;
    private final Map<String, String> query;
    private final @Nullable String contentType;
    private final UnaryOperator<@Nullable String> headers;
    private final byte[] rawBody;

    BackendRequest(RequestContext context, Operation operation, String relativePath, FieldData fields, ObjectNode body,
            Map<String, String> query, @Nullable String contentType, UnaryOperator<@Nullable String> headers, byte @Nullable [] rawBody) {
        this.context = context;
        this.operation = operation;
        this.relativePath = relativePath;
        this.fields = fields;
        this.body = body;
        this.query = query;
        this.contentType = contentType;
        this.headers = headers;
        this.rawBody = rawBody == null ? NONE : rawBody;
    }

    /** Whether a body of this content type is passed on as it is ({@link #RAW_BODY_TYPES}). */
    public static boolean isRawBody(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return RAW_BODY_TYPES.contains(type);
    }

    /** The body as sent when its content type is one of {@link #RAW_BODY_TYPES}; otherwise empty. */
    public byte[] rawBody() {
        return rawBody;
    }

    public RequestContext context() {
        return context;
    }

    public String requestId() {
        return context.requestId();
    }

    public Operation operation() {
        return operation;
    }

    /** The path below the mount, e.g. {@code data/app} on {@code secret/}. */
    public String relativePath() {
        return relativePath;
    }

    /**
     * The path below the mount with its repeated slashes as sent (a base64 value in the path may hold
     * {@code //}); the same as {@link #relativePath()} when they were none. Only a path that reads as
     * the routed one once its repeated slashes are read as one is taken, so it never names another path.
     */
    public String rawRelativePath() {
        String header = headers.apply(RAW_PATH_HEADER);
        if (header == null || header.isEmpty()) {
            return relativePath;
        }
        String raw = java.net.URLDecoder.decode(header.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        String mount = context.mountPath();
        if (!collapseSlashes(raw).equals(context.path()) || !raw.startsWith(mount)) {
            return relativePath;
        }
        return raw.substring(mount.length());
    }

    /** The path with every run of slashes read as one, as Vault's router reads it. */
    public static String collapseSlashes(String path) {
        if (!path.contains("//")) {
            return path;
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || b.isEmpty() || b.charAt(b.length() - 1) != '/') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * This call as a write on another family of the same backend, with the given input: the fields are
     * converted and validated as the dispatcher does for a call on that family (400 on bad input), so a
     * protocol spoken on a mount (ACME's finalize) reaches the same handler as the Vault path it stands for.
     *
     * @param captures the family's path segments, e.g. {@code {"role":"web"}}
     */
    public BackendRequest asWrite(PathFamily family, ObjectNode input, Map<String, String> captures) {
        FieldData data = new FieldData(family.fields(), input, captures);
        data.validate(true);
        return new BackendRequest(context, Operation.UPDATE, relativePath, data, input, Map.of(), "application/json", headers, null);
    }

    /** The storage key of the mount: its accessor, stable while the mount exists (also across a remount). */
    public String mountAccessor() {
        return context.mountAccessor();
    }

    public Map<String, String> mountOptions() {
        return context.mountOptions();
    }

    public FieldData fields() {
        return fields;
    }

    /** The body of a write as sent (an empty object when there is none). */
    public ObjectNode body() {
        return body;
    }

    public @Nullable String query(String name) {
        return query.get(name);
    }

    /** A request header the gateway passed on (e.g. {@code X-Vault-Token} to the token authority). */
    public @Nullable String header(String name) {
        return headers.apply(name);
    }

    public @Nullable String contentType() {
        return contentType;
    }

    /** Vault takes PATCH only as a JSON merge patch; any other Content-Type is a 415. */
    public void requireMergePatch() {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (!(type.equals(MERGE_PATCH) || type.startsWith(MERGE_PATCH + ";"))) {
            throw new VaultException(415, "PATCH requires Content-Type of " + MERGE_PATCH);
        }
    }

    /** Vault's envelope for this call, with the mount's type. */
    public VaultResponse envelope(@Nullable Object data) {
        return VaultResponse.of(requestId(), data).withMountType(context.mountType());
    }

    public ResponseEntity<VaultResponse> ok(@Nullable Object data) {
        return ResponseEntity.ok(envelope(data));
    }

    /**
     * Vault's envelope for a leased secret: {@code lease_id}, {@code lease_duration} and {@code renewable}
     * from the lease the engine registered, and its TTL warnings.
     */
    public ResponseEntity<VaultResponse> leased(@Nullable Object data, dev.arca.core.lease.LeaseClient.Lease lease) {
        return ResponseEntity.ok(envelope(data).withLease(lease.id(), lease.ttl(), lease.renewable()).withWarnings(lease.warnings()));
    }

    public static ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().build();
    }

    /** {@code {"data":{"keys":[...]}}}, or Vault's 404 with an empty error list when there are none. */
    public ResponseEntity<VaultResponse> keys(List<String> keys) {
        if (keys.isEmpty()) {
            throw VaultException.notFound();
        }
        return ok(Map.of("keys", keys));
    }
}
