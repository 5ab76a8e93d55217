package dev.arca.transit.export;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.FieldType;
import dev.arca.core.backend.PathFamily;
import dev.arca.transit.key.KeyPolicy;
import dev.arca.transit.key.PolicyCodec;
import dev.arca.transit.store.KeyStore;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code restore[/<name>]}: a key from a backup made here or by Vault, under its own name or a new one. */
@Component
public class RestorePath {

    private final KeyStore keys;
    private final JsonMapper json;

    public RestorePath(KeyStore keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public List<PathFamily> families() {
        return List.of(family("restore/{name}"), family("restore"));
    }

    private PathFamily family(String pattern) {
        PathFamily.Builder b = PathFamily.of(pattern);
        if (pattern.contains("{name}")) {
            b.field(Field.path("name", "Name to restore the key under, instead of the backup's."));
        }
        return b.field(Field.string("backup", "The backup, as backup returned it.").asRequired())
                .field(Field.of("force", FieldType.BOOL, "Overwrite a key of the same name."))
                .write(this::restore, "Restore a key.")
                .help("Restore a backed-up key.", "")
                .build();
    }

    ResponseEntity<?> restore(BackendRequest request) {
        JsonNode data;
        try {
            data = json.readTree(Base64.getDecoder().decode(request.fields().string("backup")));
        } catch (IllegalArgumentException | JacksonException e) {
            throw VaultException.badRequest("failed to decode backup: invalid backup");
        }
        PolicyCodec codec = keys.repository().codec();
        KeyPolicy p;
        try {
            p = codec.read(data.path("policy"));
            JsonNode archived = data.path("archived_keys").path("keys");
            for (int v = Math.max(1, p.minAvailableVersion); v < archived.size() && v <= p.latestVersion; v++) {
                if (!p.versions.containsKey(v) && archived.get(v).hasNonNull("hmac_key")) {
                    p.versions.put(v, codec.entry(archived.get(v)));
                }
            }
        } catch (VaultException e) {
            throw e;
        } catch (RuntimeException e) {
            // A backup is caller input: whatever in it fails to decode is the caller's error, not ours.
            throw VaultException.badRequest("failed to decode backup: invalid backup");
        }
        if (request.fields().has("name")) {
            p.name = request.fields().string("name");
        }
        if (p.name.isEmpty() || p.versions.isEmpty()) {
            throw VaultException.badRequest("invalid backup: no key name or no key versions");
        }
        String mount = request.mountAccessor();
        boolean force = request.fields().bool("force", false);
        if (!keys.create(mount, p)) {
            if (!force) {
                throw VaultException.badRequest("key \"" + p.name + "\" already exists");
            }
            keys.update(mount, p.name, old -> p);
        }
        return BackendRequest.noContent();
    }
}
