package dev.arca.transit.export;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.PolicyCodec;
import dev.arca.transit.store.KeyStore;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code backup/<name>}: the whole key, every version, as Vault's backup blob (base64 of keysutil's
 * {@code {"policy":...,"archived_keys":{"keys":[...]}}}), so Vault restores it and the reverse. Only for
 * keys that are both exportable and allow plaintext backup.
 */
@Component
public class BackupPath {

    private final KeyStore keys;
    private final JsonMapper json;

    public BackupPath(KeyStore keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public PathFamily family() {
        return PathFamily.of("backup/{name}")
                .field(Field.path("name", "Name of the key."))
                .read(this::backup, "Back up a key.")
                .help("Back up a named key in plaintext.", "Needs exportable and allow_plaintext_backup on the key.")
                .build();
    }

    ResponseEntity<?> backup(BackendRequest request) {
        KeyPolicy p = keys.find(request.mountAccessor(), request.fields().string("name")).orElseThrow(VaultException::notFound);
        if (!p.exportable) {
            throw VaultException.badRequest("exporting is disallowed on the policy");
        }
        if (!p.allowPlaintextBackup) {
            throw VaultException.badRequest("plaintext backup is disallowed on the policy");
        }
        PolicyCodec codec = keys.repository().codec();
        ObjectNode data = json.createObjectNode();
        ObjectNode policy = codec.write(p);
        data.set("policy", policy);
        // Vault's archive: index = version, index 0 and trimmed versions empty.
        ArrayNode archived = data.putObject("archived_keys").putArray("keys");
        for (int v = 0; v <= p.latestVersion; v++) {
            JsonNode entry = policy.path("keys").get(Integer.toString(v));
            archived.add(entry == null ? json.createObjectNode() : entry);
        }
        return request.ok(Map.of("backup", Base64.getEncoder().encodeToString(json.writeValueAsBytes(data))));
    }
}
