package dev.arca.database.plugin;

import dev.arca.core.api.VaultException;

/**
 * A database that failed or could not be reached: a 500 naming the connection and what was being done.
 * The driver's message is kept with every secret of the call removed.
 */
public final class DatabaseException extends VaultException {

    private static final long serialVersionUID = 1L;

    public DatabaseException(String connection, String doing, String detail) {
        super(500, "failed to " + doing + " on database \"" + connection + "\": " + detail);
    }
}
