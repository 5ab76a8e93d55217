package dev.arca.kv.routing;

import dev.arca.kv.api.KvRequest;
import dev.arca.kv.api.KvResponses;
import dev.arca.kv.api.PathHandler;
import java.util.List;
import org.springframework.http.ResponseEntity;

/** A path on a v2 mount outside Vault's prefixes (e.g. {@code secret/foo}): 404 with Vault's hint. */
final class InvalidV2Path implements PathHandler {

    @Override
    public ResponseEntity<?> read(KvRequest request) {
        return answer(request, "get");
    }

    @Override
    public ResponseEntity<?> createOrUpdate(KvRequest request) {
        return answer(request, "put");
    }

    @Override
    public ResponseEntity<?> patch(KvRequest request) {
        return answer(request, "patch");
    }

    @Override
    public ResponseEntity<?> delete(KvRequest request) {
        return answer(request, "delete");
    }

    @Override
    public ResponseEntity<?> list(KvRequest request) {
        return answer(request, "list");
    }

    private static ResponseEntity<?> answer(KvRequest request, String command) {
        String warning = "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API "
                + "endpoints to use. If using the Vault CLI, use 'vault kv " + command + "' for this operation.";
        return KvResponses.withStatus(404, KvResponses.envelope(request, null).withWarnings(List.of(warning)));
    }
}
