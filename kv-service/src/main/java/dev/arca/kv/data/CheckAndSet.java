package dev.arca.kv.data;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Coerce;
import dev.arca.kv.store.MountConfig;
import dev.arca.kv.store.SecretMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Vault's check-and-set on writes: {@code options.cas} must equal the current version (0 = key must not exist). */
final class CheckAndSet {

    private CheckAndSet() {
    }

    static @Nullable Integer cas(ObjectNode body) {
        JsonNode options = body.get("options");
        if (options == null || options.isNull()) {
            return null;
        }
        if (!(options instanceof ObjectNode o)) {
            throw VaultException.badRequest("error converting input for field \"options\": must be a JSON object");
        }
        JsonNode cas = o.get("cas");
        // A negative cas can match no version: Vault answers it as any other mismatch.
        return cas == null || cas.isNull() ? null : (int) Coerce.integer(cas, "cas", Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static void verify(SecretMetadata locked, MountConfig config, @Nullable Integer cas) {
        if (cas == null) {
            if (locked.requiresCas(config)) {
                throw VaultException.badRequest("check-and-set parameter required for this call");
            }
            return;
        }
        if (cas != locked.currentVersion()) {
            throw VaultException.badRequest("check-and-set parameter did not match the current version");
        }
    }

    /** The {@code data} object of a write; Vault's "no data provided" when absent or not an object. */
    static ObjectNode data(ObjectNode body) {
        JsonNode data = body.get("data");
        if (data instanceof ObjectNode o) {
            return o;
        }
        if (data == null || data.isNull()) {
            throw VaultException.badRequest("no data provided");
        }
        throw VaultException.badRequest("error converting input for field \"data\": must be a JSON object");
    }
}
