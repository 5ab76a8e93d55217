package dev.arca.identity.cubbyhole;

import dev.arca.core.api.VaultException;
import dev.arca.core.backend.Backend;
import dev.arca.core.backend.BackendRequest;
import dev.arca.core.backend.Field;
import dev.arca.core.backend.PathFamily;
import dev.arca.core.barrier.Barrier;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cubbyhole} engine, mounted at {@code cubbyhole/} in every installation: storage private to
 * the calling token (keyed by its accessor, which the gateway vouches for), encrypted by the barrier,
 * and destroyed with the token.
 */
@Configuration(proxyBeanMethods = false)
public class CubbyholeBackend {

    private final JdbcClient jdbc;
    private final Barrier barrier;
    private final JsonMapper json;

    public CubbyholeBackend(JdbcClient jdbc, Barrier barrier, JsonMapper json) {
        this.jdbc = jdbc;
        this.barrier = barrier;
        this.json = json;
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
                        .existenceCheck(r -> find(owner(r), key(r)).isPresent())
                        .help("Each token's own storage: no other token, not even root, can read it; it goes with the token.", "")
                        .build())
                .build();
    }

    private ResponseEntity<?> read(BackendRequest r) {
        String owner = owner(r);
        String key = key(r);
        byte[] sealed = find(owner, key).orElseThrow(VaultException::notFound);
        return r.ok(json.readTree(barrier.decrypt(sealed, aad(owner, key))));
    }

    private ResponseEntity<?> write(BackendRequest r) {
        String owner = owner(r);
        String key = key(r);
        ObjectNode body = r.body();
        if (body.isEmpty()) {
            throw VaultException.badRequest("missing data fields");
        }
        jdbc.sql("""
                INSERT INTO cubbyhole (token_accessor, path, ciphertext) VALUES (?, ?, ?)
                ON CONFLICT (token_accessor, path) DO UPDATE SET ciphertext = EXCLUDED.ciphertext
                """).params(owner, key, barrier.encrypt(json.writeValueAsBytes(body), aad(owner, key))).update();
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> delete(BackendRequest r) {
        jdbc.sql("DELETE FROM cubbyhole WHERE token_accessor = ? AND path = ?").params(owner(r), key(r)).update();
        return BackendRequest.noContent();
    }

    private ResponseEntity<?> list(BackendRequest r) {
        String folder = r.fields().string("path");
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        List<String> paths = jdbc.sql("SELECT path FROM cubbyhole WHERE token_accessor = ? AND starts_with(path, ?) ORDER BY path")
                .params(owner(r), prefix).query(String.class).list();
        return r.keys(paths.stream().map(p -> {
            String rest = p.substring(prefix.length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash + 1);
        }).distinct().toList());
    }

    private Optional<byte[]> find(String owner, String key) {
        return jdbc.sql("SELECT ciphertext FROM cubbyhole WHERE token_accessor = ? AND path = ?").params(owner, key)
                .query(byte[].class).optional();
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

    private static String aad(String owner, String key) {
        return Barrier.aad("identity", "cubbyhole", owner + "/" + key);
    }
}
