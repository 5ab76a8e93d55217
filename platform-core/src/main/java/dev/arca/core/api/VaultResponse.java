package dev.arca.core.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vault's response envelope ({@code sdk/logical/translate_response.go}). Build one with
 * {@link #of(String, Object)} and the {@code with*} methods; field names are Vault's.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VaultResponse(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("lease_id") String leaseId,
        @JsonProperty("renewable") boolean renewable,
        @JsonProperty("lease_duration") long leaseDuration,
        @JsonProperty("data") @Nullable Object data,
        @JsonProperty("wrap_info") @Nullable Object wrapInfo,
        @JsonProperty("warnings") @Nullable List<String> warnings,
        @JsonProperty("auth") @Nullable Object auth,
        @JsonProperty("mount_type") String mountType) {

    public static VaultResponse of(String requestId, @Nullable Object data) {
        return new VaultResponse(requestId, "", false, 0, data, null, null, null, "");
    }

    /**
     * The envelope with every key of {@code data} also at the top level, as Vault's "injector" system
     * routes answer ({@code sys/mounts}, {@code sys/auth}, {@code sys/audit}, {@code sys/policy},
     * {@code sys/capabilities*}, {@code sys/key-status}, ...) for older clients. A data key never
     * replaces an envelope field.
     */
    public static Map<String, Object> injected(String requestId, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId);
        body.put("lease_id", "");
        body.put("renewable", false);
        body.put("lease_duration", 0);
        body.put("data", data);
        body.put("wrap_info", null);
        body.put("warnings", null);
        body.put("auth", null);
        data.forEach(body::putIfAbsent);
        return body;
    }

    public VaultResponse withLease(String leaseId, long leaseDuration, boolean renewable) {
        return new VaultResponse(requestId, leaseId, renewable, leaseDuration, data, wrapInfo, warnings, auth, mountType);
    }

    public VaultResponse withWarnings(@Nullable List<String> newWarnings) {
        List<String> w = newWarnings == null || newWarnings.isEmpty() ? null : List.copyOf(newWarnings);
        return new VaultResponse(requestId, leaseId, renewable, leaseDuration, data, wrapInfo, w, auth, mountType);
    }

    public VaultResponse withAuth(Map<String, ?> newAuth) {
        return new VaultResponse(requestId, leaseId, renewable, leaseDuration, data, wrapInfo, warnings, newAuth, mountType);
    }

    /** The envelope of a wrapped response: Vault's {@code wrap_info} in place of what was wrapped. */
    public VaultResponse withWrapInfo(Map<String, ?> newWrapInfo) {
        return new VaultResponse(requestId, leaseId, renewable, leaseDuration, data, newWrapInfo, warnings, auth, mountType);
    }

    public VaultResponse withMountType(String newMountType) {
        return new VaultResponse(requestId, leaseId, renewable, leaseDuration, data, wrapInfo, warnings, auth, newMountType);
    }
}
