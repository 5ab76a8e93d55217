package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body as Vault does: raw bytes, whatever the Content-Type (curl -d sends JSON as a
 * form), before anything asks the servlet container for parameters, and no larger than 32 MiB.
 */
public final class RequestBodies {

    /** Vault's default request size limit. */
    static final int MAX_BODY = 32 << 20;

    private RequestBodies() {
    }

    /**
     * Whether Vault reads a body as a form: a form Content-Type and a body that does not start like
     * JSON (curl's -d labels JSON as a form, and that stays JSON).
     */
    public static boolean isForm(byte[] raw, @Nullable String contentType) {
        if (contentType == null || raw.length == 0
                || !contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b != '{' && b != '[';
            }
        }
        return false;
    }

    public static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new VaultException(413, "http: request body too large");
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            throw new VaultException(413, "http: request body too large");
        }
        return raw;
    }
}
