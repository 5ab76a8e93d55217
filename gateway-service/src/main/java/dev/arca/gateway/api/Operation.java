package dev.arca.gateway.api;

import dev.arca.core.api.VaultException;
import org.jspecify.annotations.Nullable;

/** Vault's logical operations and how HTTP methods map to them. */
public enum Operation {
    CREATE, READ, UPDATE, PATCH, DELETE, LIST;

    public String wire() {
        return name().toLowerCase();
    }

    /** GET ?list=true and LIST are list; PUT and POST are update (create where the engine has existence checks). */
    public static Operation of(String method, @Nullable String listParam) {
        return switch (method) {
            case "GET", "HEAD" -> "true".equalsIgnoreCase(listParam) ? LIST : READ;
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
