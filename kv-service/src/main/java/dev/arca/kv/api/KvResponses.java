package dev.arca.kv.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

/** Vault's response shapes for the KV engine, always with {@code mount_type} "kv". */
public final class KvResponses {

    private KvResponses() {
    }

    public static VaultResponse envelope(KvRequest request, @Nullable Object data) {
        return VaultResponse.of(request.requestId(), data).withMountType("kv");
    }

    public static ResponseEntity<VaultResponse> ok(KvRequest request, @Nullable Object data) {
        return ResponseEntity.ok(envelope(request, data));
    }

    /** A status other than 200 that still carries the envelope, as Vault's 404 for a deleted version. */
    public static ResponseEntity<VaultResponse> withStatus(int status, VaultResponse response) {
        return ResponseEntity.status(status).body(response);
    }

    public static ResponseEntity<Void> noContent() {
        return ResponseEntity.noContent().build();
    }

    /** {@code {"data":{"keys":[...]}}}, or Vault's 404 with an empty error list when there are none. */
    public static ResponseEntity<VaultResponse> keys(KvRequest request, List<String> keys) {
        if (keys.isEmpty()) {
            throw VaultException.notFound();
        }
        return ok(request, Map.of("keys", keys));
    }
}
