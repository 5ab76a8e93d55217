package dev.arca.kv.api;

import dev.arca.core.api.VaultException;
import dev.arca.core.api.VaultResponse;
import dev.arca.core.backend.BackendRequest;
import org.springframework.http.ResponseEntity;

/** What every KV path family needs beyond the framework: the key below the family, and Vault's non-200 envelopes. */
public final class KvResponses {

    private KvResponses() {
    }

    /** The key (the {@code path} segment), which must name a secret: not empty, not a folder. */
    public static String requiredKey(BackendRequest request) {
        String key = request.fields().string("path");
        if (key.isEmpty() || key.endsWith("/")) {
            throw VaultException.badRequest("missing path");
        }
        return key;
    }

    /** The key as a list prefix: empty for the root, else ending in {@code /}. */
    public static String listPrefix(BackendRequest request) {
        String key = request.fields().string("path");
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    /** A status other than 200 that still carries the envelope, as Vault's 404 for a deleted version. */
    public static ResponseEntity<VaultResponse> withStatus(int status, VaultResponse response) {
        return ResponseEntity.status(status).body(response);
    }
}
