package dev.arca.kv.v1;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Coerce;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.store.SecretCipher;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * KV v1, every path of the mount: the body of a write is the secret. A {@code ttl} member is kept with
 * the secret and answered as the read's lease_duration, as Vault's passthrough backend does.
 */
@Component
public class V1Path {

    private final V1Repository secrets;
    private final SecretCipher cipher;

    public V1Path(V1Repository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    public PathFamily family() {
        return PathFamily.of("{path*}")
                .field(Field.path("path", "Location of the secret."))
                .read(this::read, "Read the secret.")
                .write(this::createOrUpdate, "Store the body as the secret.")
                .delete(this::delete, "Delete the secret.")
                .list(this::list, "List the secrets under a folder.")
                .existenceCheck(r -> secrets.find(r.mountAccessor(), r.fields().string("path")).isPresent())
                .when("version", "1")
                .help("Pass-through secret storage: every path holds the JSON object written to it.", "")
                .build();
    }

    ResponseEntity<?> read(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        byte[] sealed = secrets.find(request.mountAccessor(), key).orElseThrow(VaultException::notFound);
        ObjectNode data = cipher.openV1(request.mountAccessor(), key, sealed);
        long ttl = ttl(data);
        return ResponseEntity.ok(request.envelope(data).withLease("", ttl, false));
    }

    ResponseEntity<?> createOrUpdate(BackendRequest request) {
        String key = KvResponses.requiredKey(request);
        ObjectNode body = request.body();
        if (body.isEmpty()) {
            throw VaultException.badRequest("missing data fields");
        }
        ttl(body);
        secrets.put(request.mountAccessor(), key, cipher.sealV1(request.mountAccessor(), key, body));
        return BackendRequest.noContent();
    }

    ResponseEntity<?> delete(BackendRequest request) {
        secrets.delete(request.mountAccessor(), KvResponses.requiredKey(request));
        return BackendRequest.noContent();
    }

    ResponseEntity<?> list(BackendRequest request) {
        return request.keys(secrets.listKeys(request.mountAccessor(), KvResponses.listPrefix(request)));
    }

    private static long ttl(ObjectNode data) {
        JsonNode ttl = data.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return 0;
        }
        return Coerce.duration(ttl, "ttl", 0, Coerce.MAX_DURATION_SECONDS);
    }
}
