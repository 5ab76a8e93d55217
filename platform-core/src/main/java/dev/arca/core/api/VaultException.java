package dev.arca.core.api;

import java.util.List;

/**
 * A user-facing error: becomes Vault's {@code {"errors":[...]}} body with the carried status. The
 * messages are shown to the caller, so they must never contain a secret, token or key.
 */
public class VaultException extends RuntimeException {

    private final int status;
    private final List<String> errors;

    public VaultException(int status, List<String> errors) {
        super(errors.isEmpty() ? "status " + status : String.join("; ", errors), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public VaultException(int status, String error) {
        this(status, List.of(error));
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    /** 400 with Vault's wording for a bad request. */
    public static VaultException badRequest(String message) {
        return new VaultException(400, message);
    }

    /** 403, in the multierror form the vault CLI and SDKs print. */
    public static VaultException permissionDenied() {
        return new VaultException(403, "1 error occurred:\n\t* permission denied\n\n");
    }

    /** 404 with an empty error list, as Vault answers a read of a missing secret. */
    public static VaultException notFound() {
        return new VaultException(404, List.of());
    }

    public static VaultException unsupportedPath(String path) {
        return new VaultException(404, "1 error occurred:\n\t* unsupported path\n\n");
    }

    public static VaultException unsupportedOperation() {
        return new VaultException(405, "1 error occurred:\n\t* unsupported operation\n\n");
    }

    public static VaultException sealed() {
        return new VaultException(503, "Vault is sealed");
    }

    public static VaultException internal(String message) {
        return new VaultException(500, message);
    }
}
