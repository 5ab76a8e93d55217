package dev.arca.core.backend;

import dev.arca.core.api.VaultException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Vault's logical operations and how HTTP methods map to them. {@code HEADER} is Vault's header
 * operation ({@code HEAD}), answered only by families that declare it on paths needing no token
 * (ACME's {@code new-nonce}).
 */
public enum Operation {
    CREATE, READ, UPDATE, PATCH, DELETE, LIST, HEADER;

    /** The name as Vault writes it (policies, audit entries, the request context). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation of a wire name, e.g. {@code "update"}. */
    public static Operation ofWire(String wire) {
        try {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VaultException.unsupportedOperation();
        }
    }

    /** GET ?list=true and LIST are list; PUT and POST are update (create where the path has an existence check). */
    public static Operation of(String method, @Nullable String listParam) {
        return switch (method) {
            case "GET" -> listParam != null && Coerce.bool(listParam, "list") ? LIST : READ;
            case "LIST" -> LIST;
            case "POST", "PUT" -> UPDATE;
            case "PATCH" -> PATCH;
            case "DELETE" -> DELETE;
            default -> throw VaultException.unsupportedOperation();
        };
    }

    public boolean carriesData() {
        return this == CREATE || this == UPDATE || this == PATCH;
    }
}
