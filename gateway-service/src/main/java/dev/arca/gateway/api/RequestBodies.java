package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Reads a request body as Vault does: raw bytes, whatever the Content-Type (curl -d sends JSON as a
 * form), before anything asks the servlet container for parameters, and no larger than 32 MiB.
 */
public final class RequestBodies {

    /** Vault's default request size limit. */
    static final int MAX_BODY = 32 << 20;

    private RequestBodies() {
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
