package dev.arca.gateway.edge;

import dev.arca.core.api.VaultException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vault's error body for the answers given outside the API pipeline. Their texts are fixed per status,
 * never the container's message, which may quote the request.
 */
final class EdgeErrors {

    /** The methods Vault's API answers; Vault answers any other method 405. */
    static final List<String> VAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "LIST");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EdgeErrors() {
    }

    static boolean isVaultMethod(@Nullable String method) {
        return method != null && VAULT_METHODS.contains(method);
    }

    /** The texts for an error that carries none of its own. */
    static List<String> forStatus(int status) {
        return switch (status) {
            case 400 -> List.of("invalid request");
            case 404 -> VaultException.unsupportedPath("").errors();
            case 405 -> VaultException.unsupportedOperation().errors();
            case 500 -> List.of("internal error");
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield List.of(known == null ? "error" : known.getReasonPhrase().toLowerCase(Locale.ROOT));
            }
        };
    }

    static String json(List<String> errors) {
        return JSON.writeValueAsString(Map.of("errors", errors));
    }

    /** Writes a complete error answer on a response nothing has been written to. */
    static void write(HttpServletResponse response, int status, List<String> errors) throws IOException {
        byte[] body = json(errors).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
