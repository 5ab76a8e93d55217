package dev.arca.gateway.edge;

import dev.arca.core.api.VaultErrorHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Requests the firewall refuses: a method Vault does not know is Vault's 405; anything else (an encoded
 * slash or dot, {@code //}, {@code ;}, a control character) is a 400 that does not say which rule
 * matched, so the answer neither echoes the request nor maps the firewall. The firewall checks a
 * header's value only when it is read, so a refusal can also surface from a handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RejectedRequests implements RequestRejectedHandler {

    static final List<String> NOT_ALLOWED = List.of(
            "invalid request: the URL, a header or a parameter holds characters or sequences that are not allowed");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        int status = status(request);
        EdgeErrors.write(response, status, errors(status));
    }

    @ExceptionHandler(RequestRejectedException.class)
    public ResponseEntity<Map<String, List<String>>> rejectedInHandler(HttpServletRequest request) {
        int status = status(request);
        return VaultErrorHandler.errors(status, errors(status));
    }

    private static int status(HttpServletRequest request) {
        return EdgeErrors.isVaultMethod(request.getMethod()) ? 400 : 405;
    }

    private static List<String> errors(int status) {
        return status == 400 ? NOT_ALLOWED : EdgeErrors.forStatus(status);
    }
}
