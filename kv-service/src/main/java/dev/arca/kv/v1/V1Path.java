package dev.arca.kv.v1;

import dev.arca.core.api.Durations;
import dev.arca.core.api.VaultException;
import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.PathHandler;
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
public class V1Path implements PathHandler {

    private final V1Repository secrets;
    private final SecretCipher cipher;

    public V1Path(V1Repository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    @Override
    public ResponseEntity<?> read(KvRequest request) {
        String key = request.requiredKey();
        byte[] sealed = secrets.find(request.mount(), key).orElseThrow(VaultException::notFound);
        ObjectNode data = cipher.openV1(request.mount(), key, sealed);
        long ttl = ttl(data);
        return ResponseEntity.ok(KvResponses.envelope(request, data).withLease("", ttl, false));
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        String key = request.requiredKey();
        ObjectNode body = request.body();
        if (body.isEmpty()) {
            throw VaultException.badRequest("missing data fields");
        }
        ttl(body);
        secrets.put(request.mount(), key, cipher.sealV1(request.mount(), key, body));
        return KvResponses.noContent();
    }

    @Override
    public ResponseEntity<?> delete(KvRequest request) {
        secrets.delete(request.mount(), request.requiredKey());
        return KvResponses.noContent();
    }

    @Override
    public ResponseEntity<?> list(KvRequest request) {
        return KvResponses.keys(request, secrets.listKeys(request.mount(), request.listPrefix()));
    }

    private static long ttl(ObjectNode data) {
        JsonNode ttl = data.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return 0;
        }
        return Durations.seconds(ttl.isNumber() ? (Object) ttl.longValue() : ttl.asString(), "ttl");
    }
}
