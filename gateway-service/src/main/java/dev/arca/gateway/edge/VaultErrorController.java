package dev.arca.gateway.edge;

import dev.arca.core.api.VaultErrorHandler;
import dev.arca.core.api.VaultException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, in place of Spring Boot's: an error the container forwards here keeps its status and
 * gets Vault's body; a request for the error path itself is answered like any path that does not exist.
 */
@RestController
public class VaultErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:${error.path:/error}}")
    public ResponseEntity<Map<String, List<String>>> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof VaultException e) {
            return VaultErrorHandler.errors(e.status(), e.errors());
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s && s >= 400 ? s : 404;
        return VaultErrorHandler.errors(status, EdgeErrors.forStatus(status));
    }
}
