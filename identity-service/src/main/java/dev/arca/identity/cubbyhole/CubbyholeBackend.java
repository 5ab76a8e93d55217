package dev.arca.identity.cubbyhole;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cubbyhole} engine, mounted at {@code cubbyhole/} in every installation: storage private to
 * the calling token (keyed by its accessor, which the gateway vouches for), encrypted by the barrier,
 * and destroyed with the token.
 */
@Configuration(proxyBeanMethods = false)
public class CubbyholeBackend {

    private final CubbyholeStore store;

    public CubbyholeBackend(CubbyholeStore store) {
        this.store = store;
    }

    @Bean
    Backend cubbyhole() {
        return Backend.builder("cubbyhole", Backend.Kind.SECRET)
                .description("per-token private secret storage")
                .builtinMount("cubbyhole/")
                .paths(PathFamily.of("{path*}")
                        .field(Field.path("path", "Location of the secret, private to the calling token."))
                        .read(this::read, "Read a secret of the calling token.")
                        .write(this::write, "Store the body as a secret of the calling token.")
                        .delete(this::delete, "Delete a secret of the calling token.")
                        .list(this::list, "List the calling token's secrets under a folder.")
                        .existenceCheck(r -> store.exists(owner(r), key(r)))
                        .help("Each token's own storage: no other token, not even root, can read it; it goes with the token.", "")
                        .build())
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        return r.ok(store.get(owner(r), key(r)).orElseThrow(VaultException::notFound));
    }

    private ResponseEntity<?> write(BackendRequest r) {
        ObjectNode body = r.body();
        if (body.isEmpty()) {
            throw VaultException.badRequest("missing data fields");
        }
        store.put(owner(r), key(r), body);
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        store.delete(owner(r), key(r));
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> list(BackendRequest r) {
        String folder = r.fields().string("path");
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        List<String> paths = store.keys(owner(r), prefix);
        return r.keys(paths.stream().map(p -> {
            String rest = p.substring(prefix.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash + 1);
        }).distinct().toList());
    }

    private static String owner(BackendRequest r) {
        String accessor = r.context().tokenAccessor();
        if (accessor.isEmpty()) {
            throw VaultException.permissionDenied();
        }
        return accessor;
    }

    private static String key(BackendRequest r) {
        String key = r.fields().string("path");
        if (key.isEmpty() || key.endsWith("/")) {
            throw VaultException.badRequest("missing path");
        }
        return key;
    }
}
