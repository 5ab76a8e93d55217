package dev.arca.database.plugin;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database Arca manages users of, as OpenBao's database plugins: one instance per connection
 * ({@code config/<name>}), holding its own connection pool. Statements are templates; the plugin fills
 * {@code {{name}}}, {@code {{username}}}, {@code {{password}}} and {@code {{expiration}}} quoted as
 * identifiers or literals ({@link Statements}), never pasted raw. Failures are
 * {@link DatabaseException}s naming the connection.
 */
public interface DatabasePlugin extends AutoCloseable {

    /** Opens the pool; with {@code verify}, also proves the database answers with these credentials. */
    void initialize(ConnectionSettings settings, boolean verify);

    /** Creates a user valid until {@code expiration} by running the creation statements in one transaction. */
    void newUser(String username, String password, Instant expiration, List<String> statements);

    /**
     * Changes a user's password ({@code password} not null) with the statements given or the plugin's
     * default, and/or its validity ({@code expiration} not null) with the renew statements or the default.
     */
    void updateUser(String username, @Nullable String password, List<String> passwordStatements, @Nullable Instant expiration,
            List<String> expirationStatements);

    /**
     * Ends a user: no new logins, its open sessions terminated, then the revocation statements (or the
     * plugin's default: revoke grants, reassign and drop owned objects, drop the user). Does nothing
     * when the user does not exist, so a repeated revocation succeeds.
     */
    void deleteUser(String username, List<String> statements);

    /** Whether the user exists in the database. */
    boolean userExists(String username);

    /** The username template used when the connection sets none, and the longest name the database takes. */
    UsernameRules usernames();

    /** Closes the pool. */
    @Override
    void close();

    /** A plugin's default username template and the database's limit on user names. */
    record UsernameRules(String defaultTemplate, int maxLength) {
    }
}
