package dev.arca.core.api;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place that turns exceptions into Vault's error body. User errors ({@link VaultException})
 * keep their status and text; anything else is a system error: logged by type only and answered 500
 * with a fixed text, so that no exception message can carry a secret to the caller.
 */
@RestControllerAdvice
public class VaultErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(VaultErrorHandler.class);

    @ExceptionHandler(VaultException.class)
    public ResponseEntity<Map<String, List<String>>> vault(VaultException e) {
        return errors(e.status(), e.errors());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    public ResponseEntity<Map<String, List<String>>> unreadable(Exception e) {
        return errors(400, List.of("failed to parse JSON input: request body is malformed or has fields of the wrong type"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Map<String, List<String>>> invalid(MethodArgumentNotValidException e) {
        List<String> messages = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .toList();
        return errors(400, messages.isEmpty() ? List.of("invalid request") : messages);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, List<String>>> method(HttpRequestMethodNotSupportedException e) {
        return vault(VaultException.unsupportedOperation());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, List<String>>> mediaType(HttpMediaTypeNotSupportedException e) {
        return errors(415, List.of("unsupported content type"));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<Map<String, List<String>>> noRoute(NoResourceFoundException e) {
        return vault(VaultException.unsupportedPath(e.getResourcePath()));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, List<String>>> system(Exception e) {
        if (dataException(e)) {
            // PostgreSQL's class 22 (data exception): a value the caller sent cannot be stored as given,
            // e.g. a NUL character in text. The caller's error, whatever path let the value through.
            return errors(400, List.of("invalid input: a value in the request cannot be stored (it holds a NUL character or is out of range)"));
        }
        // Type and place only: the message (and a cause's) may quote a value, e.g. a driver's error.
        log.error("internal error handling request: {} at {}", e.getClass().getName(), where(e));
        return errors(500, List.of("internal error"));
    }

    /** Whether a cause of {@code e} is an SQL data exception (SQLState class 22). */
    static boolean dataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost frame of Arca's own code, else the top frame. */
    static String where(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("dev.arca.")) {
                return f.toString();
            }
        }
        return frames.length == 0 ? "unknown" : frames[0].toString();
    }

    public static ResponseEntity<Map<String, List<String>>> errors(int status, List<String> errors) {
        return ResponseEntity.status(status).body(Map.of("errors", errors));
    }
}
