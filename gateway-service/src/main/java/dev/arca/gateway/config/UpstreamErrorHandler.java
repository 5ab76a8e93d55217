package dev.arca.gateway.config;

import dev.arca.core.api.VaultErrorHandler;
import dev.arca.gateway.service.ServiceUnavailableException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An internal service that cannot be reached is Vault's 502 upstream error. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UpstreamErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorHandler.class);

    @ExceptionHandler(ServiceUnavailableException.class)
    public ResponseEntity<Map<String, List<String>>> unavailable(ServiceUnavailableException e) {
        log.error("internal service {} unavailable", e.service());
        return VaultErrorHandler.errors(502, List.of("upstream service unavailable: " + e.service()));
    }
}
