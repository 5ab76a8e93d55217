package dev.arca.kv.store;

import dev.arca.core.barrier.Barrier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals secret values before they reach PostgreSQL. The additional data names the exact row
 * ({@code kv/<table>/<mount>/<path>[/<version>]}), so ciphertext copied to another row fails to open.
 */
@Component
public class SecretCipher {

    private static final String SCHEMA = "kv";

    private final Barrier barrier;
    private final JsonMapper json;

    public SecretCipher(Barrier barrier, JsonMapper json) {
        this.barrier = barrier;
        this.json = json;
    }

    public byte[] sealVersion(String mount, String path, int version, ObjectNode data) {
        return barrier.encrypt(json.writeValueAsBytes(data), versionAad(mount, path, version));
    }

    public ObjectNode openVersion(String mount, String path, int version, byte[] sealed) {
        return object(barrier.decrypt(sealed, versionAad(mount, path, version)));
    }

    public byte[] sealCustomMetadata(String mount, String path, ObjectNode custom) {
        return barrier.encrypt(json.writeValueAsBytes(custom), Barrier.aad(SCHEMA, "secret_metadata", mount + "/" + path));
    }

    public ObjectNode openCustomMetadata(String mount, String path, byte[] sealed) {
        return object(barrier.decrypt(sealed, Barrier.aad(SCHEMA, "secret_metadata", mount + "/" + path)));
    }

    public byte[] sealV1(String mount, String path, ObjectNode data) {
        return barrier.encrypt(json.writeValueAsBytes(data), Barrier.aad(SCHEMA, "v1_secret", mount + "/" + path));
    }

    public ObjectNode openV1(String mount, String path, byte[] sealed) {
        return object(barrier.decrypt(sealed, Barrier.aad(SCHEMA, "v1_secret", mount + "/" + path)));
    }

    private static String versionAad(String mount, String path, int version) {
        return Barrier.aad(SCHEMA, "secret_version", mount + "/" + path + "/" + version);
    }

    private ObjectNode object(byte[] plaintext) {
        JsonNode node = json.readTree(plaintext);
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new IllegalStateException("stored secret is not a JSON object");
    }
}
